package dev.directupload.adapter.localstorage.http;

import dev.directupload.adapter.localstorage.LocalStorageSelected;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Read deadlines for PostObject bodies, which a blocked worker would otherwise wait on for ever: a body that sends
 * nothing for {@link #IDLE_TIMEOUT}, or whose form fields (everything before the file, read while the request is still
 * anonymous) are not complete within {@link #FORM_DEADLINE}, is cut off — the worker's blocked read is interrupted and
 * fails with {@link RequestBodyException.Kind#TIMEOUT}. One daemon thread checks every guarded body each
 * {@link #TICK}. Real time, never the application's clock.
 */
@Singleton
@LocalStorageSelected
final class ReadWatchdog {

    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration FORM_DEADLINE = Duration.ofSeconds(30);
    static final Duration TICK = Duration.ofMillis(500);

    private final Set<GuardedBody> active = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "local-oss-read-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    ReadWatchdog() {
        ticker.scheduleWithFixedDelay(this::check, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The request body, read under the deadlines until it is closed. */
    GuardedBody guard(InputStream body) {
        GuardedBody guarded = new GuardedBody(body);
        active.add(guarded);
        return guarded;
    }

    private void check() {
        long now = System.nanoTime();
        for (GuardedBody body : active) {
            body.check(now);
        }
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
    }

    /** A request body whose reads a watchdog may cut off. */
    final class GuardedBody extends InputStream {

        private final InputStream in;
        private final long startedAt = System.nanoTime();
        private volatile long lastProgress = startedAt;
        private volatile boolean formComplete;
        private Thread reader; // guarded by this: set while a read is blocked in the body
        private volatile String timedOut; // written under this

        private GuardedBody(InputStream in) {
            this.in = in;
        }

        /** The form's fields are in: from now on only the idle timeout applies. */
        void formComplete() {
            formComplete = true;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            enter();
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                if (leave()) {
                    throw timeout(e);
                }
                throw new RequestBodyException(
                        RequestBodyException.Kind.BROKEN, "the request body could not be read: " + e, e);
            }
            if (leave()) {
                throw timeout(null);
            }
            if (n > 0) {
                lastProgress = System.nanoTime();
            }
            return n;
        }

        private synchronized void enter() throws RequestBodyException {
            if (timedOut != null) {
                throw timeout(null);
            }
            reader = Thread.currentThread();
        }

        /**
         * Ends a read; true when the watchdog cut it off. Then clears the interrupt it sent, so that nothing after this
         * read (deleting the temporary file, answering) is interrupted.
         */
        private synchronized boolean leave() {
            reader = null;
            if (timedOut != null) {
                Thread.interrupted();
                return true;
            }
            return false;
        }

        private RequestBodyException timeout(Throwable cause) {
            return new RequestBodyException(RequestBodyException.Kind.TIMEOUT, timedOut, cause);
        }

        private synchronized void check(long now) {
            if (timedOut != null || reader == null) {
                return;
            }
            if (now - lastProgress > IDLE_TIMEOUT.toNanos()) {
                timedOut = "no byte of the request body arrived for " + IDLE_TIMEOUT.toSeconds() + " s";
            } else if (!formComplete && now - startedAt > FORM_DEADLINE.toNanos()) {
                timedOut = "the form fields did not arrive within " + FORM_DEADLINE.toSeconds() + " s";
            } else {
                return;
            }
            reader.interrupt();
        }

        @Override
        public void close() throws IOException {
            active.remove(this);
            in.close();
        }
    }
}
