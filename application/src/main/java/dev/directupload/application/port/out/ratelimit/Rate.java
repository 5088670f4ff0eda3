package dev.directupload.application.port.out.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The shape of a token bucket: {@code capacity} tokens at most (the burst), refilled at {@code perMinute} tokens a
 * minute. Stores keep it as one number per key, the bucket's <em>theoretical arrival time</em> (GCRA): the instant
 * at which the bucket would be full again. A key whose instant has passed holds a full bucket, so it may be dropped.
 *
 * @param capacity burst size, at least 1
 * @param perMinute refill rate, at least 1; a bucket's instant counts whole microseconds, so a rate above one token a
 *     microsecond (60,000,000 a minute) refills one token a microsecond (the README's "> 0" stands: such a rate
 *     limits nothing a service could serve)
 */
public record Rate(int capacity, int perMinute) {

    private static final long MICROS_PER_MINUTE = 60_000_000L;

    public Rate {
        if (capacity < 1 || perMinute < 1) {
            throw new IllegalArgumentException(
                    "a rate needs capacity >= 1 and per-minute >= 1, was " + capacity + "/" + perMinute);
        }
    }

    /** {@code instant} as microseconds since 1970, the unit of a bucket's instant. */
    public static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    /** Microseconds one token takes to refill. */
    public long intervalMicros() {
        return Math.max(1, MICROS_PER_MINUTE / perMinute);
    }

    /** Microseconds an empty bucket takes to refill completely: how far ahead of now a bucket's instant may run. */
    public long burstMicros() {
        return capacity * intervalMicros();
    }

    /**
     * The bucket's instant after taking {@code cost} tokens at {@code nowMicros} from a bucket whose instant is
     * {@code arrivalMicros} (null: a full bucket): allowed when it is at most {@link #burstMicros()} ahead of now.
     */
    public long arrivalAfter(Long arrivalMicros, int cost, long nowMicros) {
        long base = arrivalMicros == null ? nowMicros : Math.max(arrivalMicros, nowMicros);
        return base + cost * intervalMicros();
    }

    /** True when a bucket whose instant becomes {@code nextArrivalMicros} stays within its capacity. */
    public boolean allows(long nextArrivalMicros, long nowMicros) {
        return nextArrivalMicros - nowMicros <= burstMicros();
    }

    /** How long the caller must wait before the take that would have moved the instant to {@code next} fits. */
    public Duration waitFor(long nextArrivalMicros, long nowMicros) {
        return Duration.ofNanos(Math.max(0, nextArrivalMicros - nowMicros - burstMicros()) * 1000);
    }
}
