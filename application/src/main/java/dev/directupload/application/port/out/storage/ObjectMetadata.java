package dev.directupload.application.port.out.storage;

import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.storage.ObjectKey;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

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

    private static final Pattern SINGLE_PART_ETAG = Pattern.compile("[0-9a-fA-F]{32}");

    /**
     * The MD5 an S3/OSS ETag carries: a single-part upload's ETag is its MD5 (32 hex digits, quotes optional);
     * multipart ETags ({@code ...-N}) and weak ETags carry none.
     */
    public static Optional<ContentHash> md5FromEtag(String etag) {
        if (etag == null) {
            return Optional.empty();
        }
        String bare = etag.strip();
        if (bare.length() >= 2 && bare.startsWith("\"") && bare.endsWith("\"")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        return SINGLE_PART_ETAG.matcher(bare).matches() ? Optional.of(ContentHash.ofMd5(bare)) : Optional.empty();
    }

    /** The stored content, when storage knows its MD5. */
    public Optional<FileContent> content() {
        return md5.map(hash -> new FileContent(hash, size));
    }

    /** True when storage confirms exactly this content. */
    public boolean holds(FileContent expected) {
        return content().map(expected::equals).orElse(false);
    }
}
