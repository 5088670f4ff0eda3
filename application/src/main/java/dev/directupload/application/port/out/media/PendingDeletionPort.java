package dev.directupload.application.port.out.media;

import dev.directupload.domain.storage.ObjectKey;
import java.time.Instant;
import java.util.List;

/** A durable queue of object keys whose bytes must be deleted from storage; survives failed deletes. */
public interface PendingDeletionPort {

    void enqueueDeletion(ObjectKey key, Instant now);

    /** Keys waiting to be deleted, oldest first. */
    List<ObjectKey> pendingDeletions(int limit);

    void deletionDone(ObjectKey key);
}
