package dev.directupload.bootstrap.ops;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
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
import org.reactivestreams.Publisher;

/**
 * Micronaut's health endpoint with {@code /health} answering liveness only: load balancers poll it often, and the
 * readiness indicators (database, store, disk) cost a round trip each. {@code /health/readiness} runs them all,
 * {@code /health/liveness} is the same as {@code /health}.
 */
@Endpoint(value = HealthEndpoint.NAME, defaultSensitive = false)
@Replaces(HealthEndpoint.class)
public class LivenessHealthEndpoint extends HealthEndpoint {

    LivenessHealthEndpoint(
            HealthAggregator<HealthResult> aggregator,
            HealthIndicator[] indicators,
            @Liveness HealthIndicator[] livenessIndicators) {
        super(aggregator, indicators, livenessIndicators);
    }

    /** {@code GET /health}: the process answers; no dependency is asked. */
    @Read
    @Override
    public Publisher<HealthResult> getHealth(@Nullable Principal principal) {
        return super.getHealth(principal, HealthCheckType.LIVENESS);
    }

    /** {@code GET /health/liveness} and {@code GET /health/readiness}. */
    @Read
    @Override
    public Publisher<HealthResult> getHealth(@Nullable Principal principal, @Selector HealthCheckType type) {
        return super.getHealth(principal, type);
    }
}
