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
 * <p>An anonymous {@code /health} reuses a liveness answer for {@link #REUSE} (issue 14): the one liveness
 * indicator, Micronaut's deadlocked-threads check, stops the JVM at a safepoint to scan every thread (~600 µs of CPU
 * per call here, 0.05× the plain JDK endpoint's rate); run at most once a second however often the endpoint is
 * polled, it still reports a deadlock within a second. An answer is reused only for callers without a principal,
 * who never see details.
 */
@Endpoint(value = HealthEndpoint.NAME, defaultSensitive = false)
@Replaces(HealthEndpoint.class)
public class LivenessHealthEndpoint extends HealthEndpoint {

    static final Duration REUSE = Duration.ofSeconds(1);

    private final Clock clock;
    private volatile Answer last;

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
        if (principal != null) {
            return super.getHealth(principal, HealthCheckType.LIVENESS);
        }
        Instant now = clock.instant();
        Answer reusable = last;
        if (reusable != null
                && !now.isBefore(reusable.at())
                && now.isBefore(reusable.at().plus(REUSE))) {
            return Publishers.just(reusable.result());
        }
        return Publishers.map(super.getHealth(null, HealthCheckType.LIVENESS), result -> {
            last = new Answer(result, now);
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
