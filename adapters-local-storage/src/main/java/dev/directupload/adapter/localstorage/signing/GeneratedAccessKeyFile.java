package dev.directupload.adapter.localstorage.signing;

import dev.directupload.adapter.localstorage.disk.DiskSync;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The local store's generated access key, kept in {@code <root>/.credentials} (owner read/write only) so
 * that forms and URLs signed before a restart stay valid after it. Created once, forced to disk; never
 * overwritten.
 */
public final class GeneratedAccessKeyFile {

    public static final String FILE_NAME = ".credentials";

    private GeneratedAccessKeyFile() {}

    /** Reads the key kept under {@code root}, generating and saving one first if there is none. */
    public static AccessKey loadOrCreate(Path root) {
        Path file = root.toAbsolutePath().normalize().resolve(FILE_NAME);
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                create(file);
            }
            Properties stored = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                stored.load(reader);
            }
            return AccessKey.of(stored.getProperty("access-key-id", ""), stored.getProperty("access-key-secret", ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        SecureRandom random = new SecureRandom();
        byte[] id = new byte[10];
        byte[] secret = new byte[24];
        random.nextBytes(id);
        random.nextBytes(secret);
        Properties generated = new Properties();
        generated.setProperty(
                "access-key-id", "LOCAL" + HexFormat.of().withUpperCase().formatHex(id));
        generated.setProperty(
                "access-key-secret", Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        Path temp = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(
                        file.getParent(),
                        FILE_NAME,
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                generated.store(writer, "direct-upload local store access key; keep private");
            }
            DiskSync.DEVICE.file(temp);
            // a hard link is created atomically and never replaces: when another process won, its key stays
            Files.createLink(file, temp);
            DiskSync.DEVICE.directory(file.getParent());
        } catch (FileAlreadyExistsException e) {
            // created concurrently: use it
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
