package dev.directupload.bootstrap.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM is a normal stop: the JVM's default ends with status 143 after the shutdown hooks; this one runs the same
 * hooks (Micronaut's stops the server gracefully, see {@code micronaut.lifecycle.graceful-shutdown}) and exits 0.
 */
public final class CleanExit {

    private static final Logger LOG = LoggerFactory.getLogger(CleanExit.class);

    private CleanExit() {}

    public static void onSigterm() {
        try {
            Signal.handle(new Signal("TERM"), signal -> {
                LOG.info("SIGTERM: stopping (in-flight requests and uploads may finish first)");
                // System.exit runs the shutdown hooks and waits for them; never block the signal thread on it
                Thread exit = new Thread(() -> System.exit(0), "sigterm-exit");
                exit.start();
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.warn("SIGTERM handler not installed ({}): the JVM's default applies", e.toString());
        }
    }
}
