package dev.directupload.application.port.out.media;

import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.upload.UploadId;
import java.util.Optional;

/**
 * Serialises what touches one object key: recording bytes at it and deleting them. Both take the key's lock in
 * their transaction, so a delete can never remove bytes that a concurrent upload has just verified and recorded.
 */
public interface ObjectKeyGuardPort {

    /** Takes the key's lock until the current transaction ends; call inside a transaction. */
    void lock(ObjectKey key);

    /**
     * True while a stored object, a photo or a PENDING upload slot (other than {@code exceptSlot}) refers to the key:
     * its bytes must stay.
     */
    boolean isReferenced(ObjectKey key, Optional<UploadId> exceptSlot);
}
