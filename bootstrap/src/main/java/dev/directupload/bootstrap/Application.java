package dev.directupload.bootstrap;

import io.micronaut.runtime.Micronaut;

/** Starts the direct-upload service. */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
