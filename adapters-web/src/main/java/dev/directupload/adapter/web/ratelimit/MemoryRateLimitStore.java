package dev.directupload.adapter.web.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.directupload.application.port.out.ratelimit.Rate;
import dev.directupload.application.port.out.ratelimit.RateLimitPort;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Token buckets in this instance's memory ({@code upload.rate-limit.store=memory}, the default): behind a load
 * balancer each instance allows the configured rates on its own. Bounded: a bucket expires the moment it is full
 * again (Caffeine's timer wheel, no scan of all keys), and at most {@code upload.rate-limit.max-keys} are kept (the
 * least valuable evicted first), so a flood of distinct addresses cannot grow the heap.
 */
@Singleton
@Requires(property = "upload.rate-limit.store", value = "memory", defaultValue = "memory")
public final class MemoryRateLimitStore implements RateLimitPort {

    private final Cache<String, Long> fullAt;

    MemoryRateLimitStore(RateLimitSettings settings, Clock clock) {
        this.fullAt = Caffeine.newBuilder()
                .maximumSize(settings.maxKeys())
                .expireAfter(new UntilFull())
                .ticker(() -> nanos(clock.instant()))
                .executor(Runnable::run)
                .build();
    }

    @Override
    public boolean answersFromMemory() {
        return true;
    }

    @Override
    public Duration tryTake(String key, int cost, Rate rate, Instant now) {
        long nowMicros = Rate.micros(now);
        Duration[] wait = {Duration.ZERO};
        fullAt.asMap().compute(key, (k, current) -> {
            long next = rate.arrivalAfter(current, cost, nowMicros);
            if (rate.allows(next, nowMicros)) {
                return next;
            }
            wait[0] = rate.waitFor(next, nowMicros);
            return current;
        });
        return wait[0];
    }

    @Override
    public void purgeRefilled(Instant now) {
        fullAt.cleanUp();
    }

    /** Buckets held now, after dropping the expired ones. */
    long size() {
        fullAt.cleanUp();
        return fullAt.estimatedSize();
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** An entry lives until its bucket is full again. */
    private static final class UntilFull implements Expiry<String, Long> {
        @Override
        public long expireAfterCreate(String key, Long fullAtMicros, long currentTime) {
            return Math.max(0, fullAtMicros * 1000 - currentTime);
        }

        @Override
        public long expireAfterUpdate(String key, Long fullAtMicros, long currentTime, long currentDuration) {
            return Math.max(0, fullAtMicros * 1000 - currentTime);
        }

        @Override
        public long expireAfterRead(String key, Long fullAtMicros, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
