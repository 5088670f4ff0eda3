package dev.directupload.adapter.localstorage.http;

import java.util.Locale;
import java.util.Optional;

/**
 * A single byte range of a GET, as OSS and RFC 9110 read {@code Range}: {@code bytes=first-last},
 * {@code bytes=first-} or {@code bytes=-suffixLength}; a last position past the end is cut to the end. A header that is
 * not one such range (malformed, another unit, several ranges) is ignored and the whole object served, as OSS does; a
 * range that starts at or after the end of the object is {@link Unsatisfiable} (416).
 */
record ByteRange(long first, long last) {

    long length() {
        return last - first + 1;
    }

    /** {@code bytes first-last/size}. */
    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** The range {@code header} asks of an object of {@code size} bytes; empty to serve it whole. */
    static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        if (!value.toLowerCase(Locale.ROOT).startsWith("bytes=")) {
            return Optional.empty();
        }
        String spec = value.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (spec.indexOf(',') >= 0 || dash < 0) {
            return Optional.empty();
        }
        String from = spec.substring(0, dash).trim();
        String to = spec.substring(dash + 1).trim();
        if (from.isEmpty()) {
            long suffix = number(to);
            if (suffix < 0) {
                return Optional.empty();
            }
            if (suffix == 0 || size == 0) {
                throw new Unsatisfiable(size);
            }
            return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = number(from);
        long last = to.isEmpty() ? Long.MAX_VALUE : number(to);
        if (first < 0 || last < 0 || last < first) {
            return Optional.empty();
        }
        if (first >= size) {
            throw new Unsatisfiable(size);
        }
        return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
    }

    /** A non-negative decimal, {@link Long#MAX_VALUE} when it is too large for a long, -1 when it is not one. */
    private static long number(String digits) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            return Long.MAX_VALUE;
        }
    }

    /** No byte of the object lies in the range: 416, with {@code Content-Range: bytes *}{@code /size}. */
    static final class Unsatisfiable extends RuntimeException {

        private final long size;

        Unsatisfiable(long size) {
            super("range not satisfiable", null, false, false);
            this.size = size;
        }

        long size() {
            return size;
        }
    }
}
