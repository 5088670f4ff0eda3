package dev.directupload.domain.shared;

import java.time.Instant;

/**
 * The instants the service accepts from clients and stores: 1970-01-01T00:00:00Z up to the end of year 9999 (UTC).
 * Anything outside is a client's mistake or an attack, never a real photo time.
 */
public final class TimeRange {

    public static final Instant MIN = Instant.EPOCH;
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private TimeRange() {}

    public static boolean contains(Instant instant) {
        return !instant.isBefore(MIN) && !instant.isAfter(MAX);
    }

    /**
     * Returns {@code value} (null stays null) when it lies in the range, else throws naming {@code field}.
     *
     * @throws InvalidValueException {@code invalid_time}
     */
    public static Instant require(String field, Instant value) {
        if (value != null && !contains(value)) {
            throw outside(field);
        }
        return value;
    }

    /** As {@link #require(String, Instant)} for a time given in milliseconds since 1970-01-01T00:00:00Z. */
    public static Instant requireEpochMillis(String field, Long millis) {
        if (millis == null) {
            return null;
        }
        if (millis < 0 || millis > MAX.toEpochMilli()) {
            throw outside(field);
        }
        return Instant.ofEpochMilli(millis);
    }

    private static InvalidValueException outside(String field) {
        return new InvalidValueException(
                ErrorCode.INVALID_TIME, field + " must lie between " + MIN + " and " + MAX + " (UTC)");
    }
}
