package dev.directupload.application.port.out.media;

import dev.directupload.domain.storage.StoredObject;

/** Writes stored-object records; one per (family, md5, size), decided by a unique constraint. */
public interface SaveStoredObjectPort {

    /** Inserts {@code object} unless its identity exists; returns the record that holds the identity now. */
    StoredObject saveIfAbsent(StoredObject object);
}
