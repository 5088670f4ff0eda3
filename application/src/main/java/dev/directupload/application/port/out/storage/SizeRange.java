package dev.directupload.application.port.out.storage;

import dev.directupload.domain.media.ByteSize;
import java.util.Objects;

/** The {@code content-length-range} of a policy, both ends inclusive. */
public record SizeRange(ByteSize min, ByteSize max) {

    public SizeRange {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("size range min " + min + " is above max " + max);
        }
    }

    public static SizeRange exactly(ByteSize size) {
        return new SizeRange(size, size);
    }

    public static SizeRange upTo(ByteSize max) {
        return new SizeRange(ByteSize.ofBytes(1), max);
    }

    public boolean contains(ByteSize size) {
        return size.compareTo(min) >= 0 && size.compareTo(max) <= 0;
    }
}
