package dev.directupload.domain.media;

import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;

/** A number of bytes, never negative; also read and matched in the original article's kilobytes. */
public record ByteSize(long bytes) implements Comparable<ByteSize> {

    private static final long KB = 1024;

    public ByteSize {
        if (bytes < 0) {
            throw new InvalidValueException(ErrorCode.INVALID_SIZE, "size must be >= 0 bytes, was " + bytes);
        }
    }

    public static ByteSize ofBytes(long bytes) {
        return new ByteSize(bytes);
    }

    public static ByteSize ofMegabytes(long megabytes) {
        return new ByteSize(Math.multiplyExact(megabytes, KB * KB));
    }

    /** Size in KB rounded down, as the original article's client reports {@code file_size}. */
    public long kilobytes() {
        return bytes / KB;
    }

    /** True when {@code kilobytes} is this size in KB rounded either way (clients differ in rounding). */
    public boolean matchesKilobytes(long kilobytes) {
        long floor = bytes / KB;
        long ceil = (bytes + KB - 1) / KB;
        return kilobytes == floor || kilobytes == ceil;
    }

    public boolean isZero() {
        return bytes == 0;
    }

    public boolean exceeds(ByteSize limit) {
        return bytes > limit.bytes;
    }

    @Override
    public int compareTo(ByteSize other) {
        return Long.compare(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return bytes + " B";
    }
}
