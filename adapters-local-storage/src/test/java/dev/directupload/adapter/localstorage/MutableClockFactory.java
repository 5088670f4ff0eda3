package dev.directupload.adapter.localstorage;

import dev.directupload.application.harness.MutableClock;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The server's clock in HTTP tests: real time until a test sets or advances it; it wins over the system clock. */
@Factory
class MutableClockFactory {

    @Singleton
    MutableClock clock() {
        return new MutableClock();
    }
}
