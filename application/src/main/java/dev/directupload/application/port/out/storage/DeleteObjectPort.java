package dev.directupload.application.port.out.storage;

import dev.directupload.domain.storage.ObjectKey;

/** Deletes an object; deleting a missing object succeeds. */
public interface DeleteObjectPort {

    void delete(ObjectKey key);
}
