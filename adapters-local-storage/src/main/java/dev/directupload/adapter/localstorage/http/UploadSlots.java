package dev.directupload.adapter.localstorage.http;

import dev.directupload.adapter.localstorage.LocalStorageProperties;
import dev.directupload.adapter.localstorage.LocalStorageSelected;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
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
final class UploadSlots {

    private final Semaphore free;
    private final ThreadPoolExecutor workers;

    UploadSlots(LocalStorageProperties properties) {
        int slots = properties.maxConcurrentUploads();
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
        } catch (RuntimeException e) {
            free.release();
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
