package dev.directupload.adapter.persistence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How every instant is stored: a BIGINT of microseconds since 1970-01-01T00:00Z. Exact and time-zone free
 * on H2, PostgreSQL and MariaDB alike; digits below a microsecond are dropped (rounded toward the past).
 */
public final class EpochMicros {

    private EpochMicros() {}

    /**
     * Exact for every instant the service accepts (1970-9999) and far beyond; computed from seconds, as
     * {@code ChronoUnit.MICROS.between} overflows past 2262 (it counts nanoseconds in a long first).
     *
     * @throws ArithmeticException beyond about 292,000 years from 1970
     */
    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    public static Long ofNullable(Instant instant) {
        return instant == null ? null : of(instant);
    }

    public static Instant toInstant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    public static Instant toInstantOrNull(Long micros) {
        return micros == null ? null : toInstant(micros);
    }
}
