package dev.directupload.application.port.out.storage;

import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.storage.ObjectKey;
import java.util.Objects;
import java.util.Optional;

/**
 * What storage says about an object.
 *
 * @param md5 the content MD5, when storage knows it (the ETag of a single-part upload); empty otherwise
 * @param contentType the stored Content-Type, empty when storage has none
 */
public record ObjectMetadata(ObjectKey key, ByteSize size, Optional<ContentHash> md5, Optional<String> contentType) {

    public ObjectMetadata {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(contentType, "contentType");
    }

    /** True when storage confirms exactly this size and MD5. */
    public boolean matches(ByteSize expectedSize, ContentHash expectedMd5) {
        return size.equals(expectedSize) && md5.map(expectedMd5::equals).orElse(false);
    }
}
