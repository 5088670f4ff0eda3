package dev.directupload.bootstrap;

import dev.directupload.application.port.out.ratelimit.RateLimitPort;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets rate-limit buckets that are full again, once a minute, so that the {@code rate_limits} table of the
 * database store holds only the keys active in the last few minutes (the memory store expires its own). Every
 * instance may run it: deleting refilled rows twice is harmless.
 */
@Singleton
class RateLimitPurgeJob {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitPurgeJob.class);

    private final RateLimitPort store;
    private final Clock clock;

    RateLimitPurgeJob(RateLimitPort store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    void purge() {
        try {
            store.purgeRefilled(clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("Could not purge refilled rate-limit buckets (tried again in a minute): {}", e.toString());
        }
    }
}
