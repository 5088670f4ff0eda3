package dev.directupload.bootstrap.support;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock in tests that move time instead of sleeping (property {@code test.clock=mutable}): system
 * time plus an offset the test sets. Every bean that takes the injected {@code Clock} — the services, the sweeper,
 * the local store's form checks — sees the moved time; external servers (s3proxy) keep real time.
 */
@Singleton
@Primary
@Replaces(Clock.class)
@Requires(property = "test.clock", value = "mutable")
public final class MutableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset.get());
    }

    /** Moves the clock so that it reads {@code at} now (forwards or back). */
    public void set(Instant at) {
        offset.set(Duration.between(Instant.now(), at));
    }

    public void advance(Duration by) {
        offset.updateAndGet(current -> current.plus(by));
    }

    /** Back to system time. */
    public void reset() {
        offset.set(Duration.ZERO);
    }
}
