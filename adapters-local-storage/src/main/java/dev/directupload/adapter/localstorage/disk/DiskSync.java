package dev.directupload.adapter.localstorage.disk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Forces what the store wrote to the storage device before it answers: a file's bytes and metadata
 * ({@code fsync}), and a directory's entries, so that a created or renamed name survives a crash of the
 * machine, not only of the process. Where directories cannot be opened (not POSIX, e.g. Windows) their
 * entries are left to the file system.
 */
public class DiskSync {

    public static final DiskSync DEVICE = new DiskSync();

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /** Forces the bytes and metadata of {@code file} to the device. */
    public void file(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Forces the entries of {@code directory} (names created, renamed or removed in it) to the device. */
    public void directory(Path directory) throws IOException {
        if (!POSIX) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
