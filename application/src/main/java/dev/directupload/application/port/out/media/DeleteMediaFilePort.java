package dev.directupload.application.port.out.media;

import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.storage.ObjectKey;
import java.util.Optional;

/** Removes photos and, with the last reference, their stored-object record. */
public interface DeleteMediaFilePort {

    /**
     * Deletes the photo; when no other photo of its family references the same stored object, deletes that
     * record too, in the same transaction.
     *
     * @return the key whose bytes are no longer referenced and should be deleted after commit
     */
    Optional<ObjectKey> deleteMediaFile(MediaFile file);
}
