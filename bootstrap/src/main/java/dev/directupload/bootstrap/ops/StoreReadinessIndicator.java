package dev.directupload.bootstrap.ops;

import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.domain.storage.ObjectKey;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Readiness of the object store, whichever is configured: a HEAD of a key no upload ever uses. An answer (found or
 * not) means the store is reachable with the service's identity; a failure means it is not.
 */
@Singleton
@Readiness
final class StoreReadinessIndicator implements HealthIndicator {

    static final ObjectKey PROBE = new ObjectKey("health/readiness-probe");

    private final InspectObjectPort store;

    StoreReadinessIndicator(InspectObjectPort store) {
        this.store = store;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromCallable(this::probe).subscribeOn(Schedulers.boundedElastic());
    }

    private HealthResult probe() {
        HealthResult.Builder result = HealthResult.builder("store");
        try {
            store.inspect(PROBE);
            return result.status(HealthStatus.UP).build();
        } catch (RuntimeException e) {
            return result.status(HealthStatus.DOWN)
                    .details(Map.of("error", e.getClass().getSimpleName()))
                    .build();
        }
    }
}
