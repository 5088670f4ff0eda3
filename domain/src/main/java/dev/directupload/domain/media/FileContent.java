package dev.directupload.domain.media;

import java.util.Objects;

/**
 * The identity of a file's bytes: MD5 and size together. Two files are the same file in a family exactly
 * when both agree; an MD5 alone is a hint, never an identity.
 */
public record FileContent(ContentHash md5, ByteSize size) {

    public FileContent {
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(size, "size");
    }

    public static FileContent of(String md5, long bytes) {
        return new FileContent(new ContentHash(md5), new ByteSize(bytes));
    }

    /** Same MD5, different size: the family cannot hold both under one content key. */
    public boolean conflictsWith(FileContent other) {
        return md5.equals(other.md5) && !size.equals(other.size);
    }

    @Override
    public String toString() {
        return md5 + " (" + size.bytes() + " B)";
    }
}
