package dev.directupload.adapter.persistence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How every instant is stored: a BIGINT of microseconds since 1970-01-01T00:00Z. Exact and time-zone free
 * on H2, PostgreSQL and MariaDB alike; digits below a microsecond are dropped (rounded toward the past).
 */
public final class EpochMicros {

    private EpochMicros() {}

    public static long of(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
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
