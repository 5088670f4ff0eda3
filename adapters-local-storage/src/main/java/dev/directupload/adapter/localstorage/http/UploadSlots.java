package dev.directupload.adapter.localstorage.http;

import dev.directupload.adapter.localstorage.LocalStorageProperties;
import dev.directupload.adapter.localstorage.LocalStorageSelected;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The bounded pool PostObject requests run on: {@code local-storage.max-concurrent-uploads} slots, each a worker
 * thread of this pool's own. A request that finds every slot taken is refused at once (never queued), so anonymous
 * requests can hold at most that many threads and buffers, whatever their number. Idle workers end after a minute.
 */
@Singleton
@LocalStorageSelected
final class UploadSlots implements GracefulShutdownCapable {

    private final int capacity;
    private final Semaphore free;
    private final ThreadPoolExecutor workers;

    UploadSlots(LocalStorageProperties properties) {
        int slots = properties.maxConcurrentUploads();
        this.capacity = slots;
        this.free = new Semaphore(slots);
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(slots, slots, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "local-oss-upload-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.workers.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code upload} on a worker when a slot is free; empty, at once, when none is. */
    <T> Optional<CompletableFuture<T>> tryRun(Supplier<T> upload) {
        if (!free.tryAcquire()) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    CompletableFuture.supplyAsync(upload, workers).whenComplete((result, failure) -> free.release()));
        } catch (RejectedExecutionException stopping) {
            free.release(); // the service is stopping: refused like a full store (503 SlowDown)
            return Optional.empty();
        } catch (RuntimeException e) {
            free.release();
            throw e;
        }
    }

    /**
     * Stopping (SIGTERM): the server no longer accepts connections; uploads already received run to their end (a
     * request whose body is still arriving is taken as usual). The server waits for this up to
     * {@code micronaut.lifecycle.graceful-shutdown.grace-period}, then {@link #stop()} cuts what still runs (a cut upload
     * leaves only a temporary file, which the next start removes).
     */
    @Override
    public CompletionStage<?> shutdownGracefully() {
        return CompletableFuture.runAsync(() -> {
            try {
                while (free.availablePermits() < capacity) {
                    Thread.sleep(100); // until every slot is free, or the grace period ends and stop() interrupts
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public OptionalLong reportActiveTasks() {
        return OptionalLong.of(capacity - free.availablePermits());
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
