package dev.directupload.application.port.out.storage;

import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.storage.ObjectKey;
import java.time.Instant;
import java.util.Objects;

/** One object of a listing: its key, size and when storage last wrote it. */
public record ListedObject(ObjectKey key, ByteSize size, Instant lastModified) {

    public ListedObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(lastModified, "lastModified");
    }
}
