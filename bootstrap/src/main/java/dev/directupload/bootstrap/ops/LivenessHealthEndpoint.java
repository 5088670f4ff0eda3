package dev.directupload.bootstrap.ops;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.annotation.Read;
import io.micronaut.management.endpoint.annotation.Selector;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.aggregator.HealthAggregator;
import io.micronaut.management.health.indicator.HealthCheckType;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.reactivestreams.Publisher;

/**
 * Micronaut's health endpoint with {@code /health} answering liveness only: load balancers poll it often, and the
 * readiness indicators (database, store, disk) cost a round trip each. {@code /health/readiness} runs them all,
 * {@code /health/liveness} is the same as {@code /health}.
 *
 * <p>{@code /health} reuses a liveness answer for {@link #REUSE} (issue 14): the one liveness indicator, Micronaut's
 * deadlocked-threads check, stops the JVM at a safepoint to scan every thread (~600 µs of CPU per call here, and
 * every other thread waits for it: ≈ 900 requests/s at 64 connections); run at most once a second however often
 * the endpoint is polled, it still reports a deadlock within a second. Anonymous and authenticated callers have an
 * answer each, since {@code endpoints.health.details-visible} may show details to the second only; every
 * authenticated caller sees the same details, so one answer serves them all.
 */
@Endpoint(value = HealthEndpoint.NAME, defaultSensitive = false)
@Replaces(HealthEndpoint.class)
public class LivenessHealthEndpoint extends HealthEndpoint {

    static final Duration REUSE = Duration.ofSeconds(1);

    private final Clock clock;
    private volatile Answer lastAnonymous;
    private volatile Answer lastAuthenticated;

    LivenessHealthEndpoint(
            HealthAggregator<HealthResult> aggregator,
            HealthIndicator[] indicators,
            @Liveness HealthIndicator[] livenessIndicators,
            Clock clock) {
        super(aggregator, indicators, livenessIndicators);
        this.clock = clock;
    }

    /** {@code GET /health}: the process answers; no dependency is asked. */
    @Read
    @Override
    public Publisher<HealthResult> getHealth(@Nullable Principal principal) {
        boolean authenticated = principal != null;
        Instant now = clock.instant();
        Answer reusable = authenticated ? lastAuthenticated : lastAnonymous;
        if (reusable != null
                && !now.isBefore(reusable.at())
                && now.isBefore(reusable.at().plus(REUSE))) {
            return Publishers.just(reusable.result());
        }
        return Publishers.map(super.getHealth(principal, HealthCheckType.LIVENESS), result -> {
            Answer answer = new Answer(result, now);
            if (authenticated) {
                lastAuthenticated = answer;
            } else {
                lastAnonymous = answer;
            }
            return result;
        });
    }

    /** {@code GET /health/liveness} and {@code GET /health/readiness}. */
    @Read
    @Override
    public Publisher<HealthResult> getHealth(@Nullable Principal principal, @Selector HealthCheckType type) {
        return super.getHealth(principal, type);
    }

    private record Answer(HealthResult result, Instant at) {}
}
