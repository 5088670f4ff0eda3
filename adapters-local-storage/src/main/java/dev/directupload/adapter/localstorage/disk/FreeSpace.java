package dev.directupload.adapter.localstorage.disk;

import dev.directupload.adapter.localstorage.error.OssError;
import dev.directupload.adapter.localstorage.error.OssRejection;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps {@code local-storage.min-free-bytes} free under the store's root, so that uploads never fill the disk the
 * database shares: an upload is refused before its first byte when its expected size would take the free space below
 * the minimum, and stopped while it streams as soon as the rest of it would. Refusals are 503
 * {@code InsufficientStorage}; the caller deletes what it received.
 */
public final class FreeSpace {

    /** How often a streaming upload looks at the free space again. */
    static final long CHECK_EVERY_BYTES = 1024 * 1024;

    /** Where the free space is read from: the root's file store, or a test's stand-in. */
    @FunctionalInterface
    public interface UsableSpace {
        long bytes() throws IOException;

        static UsableSpace of(Path root) {
            try {
                Files.createDirectories(root);
                FileStore store = Files.getFileStore(root.toAbsolutePath().normalize());
                return store::getUsableSpace;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find the file store of " + root, e);
            }
        }
    }

    private final UsableSpace usable;
    private final long minFreeBytes;

    public FreeSpace(UsableSpace usable, long minFreeBytes) {
        this.usable = usable;
        this.minFreeBytes = minFreeBytes;
    }

    /**
     * @throws OssRejection {@code InsufficientStorage} when storing {@code bytes} more would leave less than the
     *     minimum free (or the free space cannot be read)
     */
    public void requireRoomFor(long bytes) {
        if (!hasRoomFor(bytes)) {
            throw OssError.INSUFFICIENT_STORAGE.reject(
                    "The store is short of disk space and cannot take this upload now. Please try again later.");
        }
    }

    /** True when the free space is below the minimum now (or unreadable): why a failed write failed. */
    public boolean belowMinimum() {
        return !hasRoomFor(0);
    }

    private boolean hasRoomFor(long bytes) {
        try {
            return usable.bytes() - Math.max(0, bytes) >= minFreeBytes;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The upload's bytes, checking every {@link #CHECK_EVERY_BYTES} (and before the first) that what is still to come
     * of {@code expectedBytes} fits above the minimum.
     */
    public InputStream watch(InputStream upload, long expectedBytes) {
        return new FilterInputStream(upload) {
            private long received;
            private long nextCheck;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (received >= nextCheck) {
                    requireRoomFor(expectedBytes - received);
                    nextCheck = received + CHECK_EVERY_BYTES;
                }
                int n = super.read(b, off, len);
                if (n > 0) {
                    received += n;
                }
                return n;
            }
        };
    }
}
