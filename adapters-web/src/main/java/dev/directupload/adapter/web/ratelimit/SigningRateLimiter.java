package dev.directupload.adapter.web.ratelimit;

import dev.directupload.domain.identity.UserId;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per user for the signing calls; one request takes one token however many files it
 * carries. Per instance: behind a load balancer each instance allows the configured rate.
 */
@Singleton
public final class SigningRateLimiter {

    private static final int MAX_TRACKED_USERS = 100_000;

    private final RateLimitSettings settings;
    private final Clock clock;
    private final Map<UserId, Bucket> buckets = new ConcurrentHashMap<>();

    SigningRateLimiter(RateLimitSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Takes one token for {@code user} or throws {@link RateLimitedException} saying when to retry. */
    public void acquire(UserId user) {
        Instant now = clock.instant();
        if (buckets.size() > MAX_TRACKED_USERS) {
            buckets.values().removeIf(b -> b.isFull(now));
        }
        Duration wait = buckets.computeIfAbsent(user, u -> new Bucket(settings.capacity(), now))
                .take(now);
        if (!wait.isZero()) {
            throw new RateLimitedException(wait);
        }
    }

    /** One user's bucket; synchronized per bucket so users never wait on each other. */
    private final class Bucket {
        private double tokens;
        private Instant refilledAt;

        Bucket(double tokens, Instant now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized Duration take(Instant now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            double secondsPerToken = 60.0 / settings.perMinute();
            long waitSeconds = (long) Math.ceil((1 - tokens) * secondsPerToken);
            return Duration.ofSeconds(Math.max(1, waitSeconds));
        }

        synchronized boolean isFull(Instant now) {
            refill(now);
            return tokens >= settings.capacity();
        }

        private void refill(Instant now) {
            if (now.isAfter(refilledAt)) {
                double elapsedSeconds = Duration.between(refilledAt, now).toNanos() / 1e9;
                tokens = Math.min(settings.capacity(), tokens + elapsedSeconds * settings.perMinute() / 60.0);
                refilledAt = now;
            }
        }
    }
}
