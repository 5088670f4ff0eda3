package dev.directupload.application.service.media;

import dev.directupload.application.port.out.TransactionPort;
import dev.directupload.application.port.out.media.ObjectKeyGuardPort;
import dev.directupload.application.port.out.media.PendingDeletionPort;
import dev.directupload.application.port.out.storage.DeleteObjectPort;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.upload.UploadId;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deletes bytes that lost their last reference. A key is deleted only while nothing vouches for it — no stored
 * object, no photo, no pending upload (the same file may have been uploaded again since) — decided and done under
 * the key's lock, so it cannot race a concurrent recording of the same key. A failed delete stays queued for the
 * next sweep.
 */
public final class ObjectJanitor {

    private static final System.Logger LOG = System.getLogger(ObjectJanitor.class.getName());
    private static final int BATCH = 500;

    private final PendingDeletionPort pending;
    private final ObjectKeyGuardPort guard;
    private final DeleteObjectPort deleter;
    private final TransactionPort transactions;
    private final Clock clock;

    public ObjectJanitor(
            PendingDeletionPort pending,
            ObjectKeyGuardPort guard,
            DeleteObjectPort deleter,
            TransactionPort transactions,
            Clock clock) {
        this.pending = pending;
        this.guard = guard;
        this.deleter = deleter;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Deletes the bytes at once unless something other than {@code exceptSlot} vouches for the key: what a failed
     * check leaves behind. A storage failure propagates.
     *
     * @return true when the bytes were deleted (or absent), false when a reference kept them
     */
    public boolean deleteUnlessReferenced(ObjectKey key, Optional<UploadId> exceptSlot) {
        return transactions.inTransaction(() -> {
            guard.lock(key);
            if (guard.isReferenced(key, exceptSlot)) {
                return false;
            }
            deleter.delete(key);
            return true;
        });
    }

    /** Queues the key for deletion by a later sweep (after commit of the caller's transaction). */
    public void enqueue(ObjectKey key) {
        pending.enqueueDeletion(key, clock.instant());
    }

    /** Tries one queued key now; true when it is gone from the queue. */
    public boolean tryDelete(ObjectKey key) {
        try {
            deleteUnlessReferenced(key, Optional.empty());
            pending.deletionDone(key);
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "deleting " + key + " failed; it stays queued: " + e.getMessage());
            return false;
        }
    }

    /**
     * Tries the queued keys, oldest first, in batches, until the queue has been gone through once or {@code budget}
     * is spent (the rest waits for the next sweep); a key whose delete fails is passed over, so failures at the head
     * of the queue cannot starve the keys behind them. Returns how many left the queue.
     */
    public int drain(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        Set<ObjectKey> failed = new HashSet<>();
        int done = 0;
        while (true) {
            int limit = failed.size() + BATCH;
            List<ObjectKey> queued = pending.pendingDeletions(limit);
            for (ObjectKey key : queued) {
                if (failed.contains(key)) {
                    continue;
                }
                if (System.nanoTime() >= deadline) {
                    return done;
                }
                if (tryDelete(key)) {
                    done++;
                } else {
                    failed.add(key);
                }
            }
            if (queued.size() < limit) {
                return done;
            }
        }
    }
}
