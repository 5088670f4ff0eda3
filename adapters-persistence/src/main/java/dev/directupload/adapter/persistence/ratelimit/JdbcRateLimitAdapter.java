package dev.directupload.adapter.persistence.ratelimit;

import dev.directupload.adapter.persistence.DuplicateKeys;
import dev.directupload.application.port.out.ratelimit.Rate;
import dev.directupload.application.port.out.ratelimit.RateLimitPort;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Token buckets in {@code rate_limits}, shared by every instance on the database ({@code
 * upload.rate-limit.store=database}). A take is one conditional {@code UPDATE} (the database's row lock makes
 * concurrent takes queue, and each re-checks the condition on the row the previous one left); a key without a row
 * is first inserted as a full bucket. The same statements run on H2, PostgreSQL and MariaDB.
 */
@Singleton
@Requires(property = "upload.rate-limit.store", value = "database")
public class JdbcRateLimitAdapter implements RateLimitPort {

    /** Deadlock or serialization failure: the statement was rolled back and may simply run again. */
    private static final int ATTEMPTS = 3;

    private final RateLimitRepository buckets;

    JdbcRateLimitAdapter(RateLimitRepository buckets) {
        this.buckets = buckets;
    }

    @Override
    public Duration tryTake(String key, int cost, Rate rate, Instant now) {
        requireKey(key);
        for (int attempt = 1; ; attempt++) {
            try {
                return take(key, cost, rate, Rate.micros(now));
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !isTransient(e)) {
                    throw e;
                }
            }
        }
    }

    private Duration take(String key, int cost, Rate rate, long now) {
        long step = cost * rate.intervalMicros();
        long limit = now + rate.burstMicros();
        for (int round = 0; round < ATTEMPTS; round++) {
            if (buckets.take(key, now, step, limit) == 1) {
                return Duration.ZERO;
            }
            Optional<Long> fullAt = buckets.findFullAtByBucketKey(key);
            if (fullAt.isEmpty()) {
                // a key never seen (or purged): create its full bucket, then take as usual
                DuplicateKeys.ignoringDuplicate(() -> buckets.insertIfAbsent(key, now));
                continue;
            }
            Duration wait = rate.waitFor(rate.arrivalAfter(fullAt.get(), cost, now), now);
            if (!wait.isZero()) {
                return wait;
            }
            // the row changed between the update and the read (purged and recreated): take again
        }
        return Duration.ofNanos(rate.intervalMicros() * 1000);
    }

    @Override
    public void purgeRefilled(Instant now) {
        buckets.purgeRefilled(Rate.micros(now));
    }

    private static void requireKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a rate-limit key has 1 to " + MAX_KEY_LENGTH + " characters");
        }
    }

    /** SQLState class 40: transaction rollback (deadlock, serialization failure). */
    private static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }
}
