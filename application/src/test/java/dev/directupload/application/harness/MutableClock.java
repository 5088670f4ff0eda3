package dev.directupload.application.harness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that tests move by hand: stopped at a given instant, or following the system clock until a test
 * sets or advances it (and again after {@link #reset()}). The one test clock of every module.
 */
public final class MutableClock extends Clock {

    private volatile Instant fixed;

    /** A clock stopped at {@code start}. */
    public MutableClock(Instant start) {
        this.fixed = start;
    }

    /** A clock that follows the system clock until it is set or advanced. */
    public MutableClock() {
        this.fixed = null;
    }

    public void set(Instant instant) {
        fixed = instant;
    }

    /** Stops the clock {@code step} after the instant it shows now. */
    public void advance(Duration step) {
        fixed = instant().plus(step);
    }

    /** Follows the system clock again. */
    public void reset() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant now = fixed;
        return now != null ? now : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("always UTC, not " + zone);
    }
}
