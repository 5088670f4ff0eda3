package dev.directupload.domain.family;

import dev.directupload.domain.media.ByteSize;

/**
 * How much one family may store: bytes and files, counting its verified objects plus what its pending uploads
 * declared. A file that would take the family past either bound is refused.
 */
public record FamilyQuota(ByteSize maxBytes, long maxFiles) {

    public FamilyQuota {
        if (maxBytes == null || maxBytes.isZero()) {
            throw new IllegalArgumentException("a family quota needs a positive byte limit");
        }
        if (maxFiles <= 0) {
            throw new IllegalArgumentException("a family quota needs a positive file limit, was " + maxFiles);
        }
    }

    public static FamilyQuota defaults() {
        return new FamilyQuota(ByteSize.ofBytes(50L * 1024 * 1024 * 1024), 200_000);
    }

    /** True when one more file of {@code size} fits next to what the family holds. */
    public boolean admits(long usedBytes, long usedFiles, ByteSize size) {
        return usedFiles + 1 <= maxFiles && usedBytes + size.bytes() <= maxBytes.bytes();
    }

    /** True when the family can take no file at all any more. */
    public boolean isReachedBy(long usedBytes, long usedFiles) {
        return usedFiles >= maxFiles || usedBytes >= maxBytes.bytes();
    }
}
