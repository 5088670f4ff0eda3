package dev.directupload.adapter.localstorage;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The server's clock in HTTP tests: real time until a test sets or advances it. */
@Singleton
final class MutableClock extends Clock {

    private volatile Instant fixed;

    void set(Instant instant) {
        fixed = instant;
    }

    void advance(Duration by) {
        fixed = instant().plus(by);
    }

    void reset() {
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
        return this;
    }
}
