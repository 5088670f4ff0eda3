package dev.directupload.adapter.localstorage.disk;

import dev.directupload.domain.storage.ObjectKey;

/** A write that must not replace an object found one under its key; nothing was changed. */
public final class ObjectExistsException extends RuntimeException {

    public ObjectExistsException(ObjectKey key) {
        super("an object exists under " + key, null, false, false);
    }
}
