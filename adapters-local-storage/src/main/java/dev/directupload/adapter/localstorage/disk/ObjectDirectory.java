package dev.directupload.adapter.localstorage.disk;

import dev.directupload.adapter.localstorage.error.OssError;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The bucket on disk. An object lives in {@code <root>/<bucket>/<h[0:2]>/<h>/}, where {@code h} is the
 * SHA-256 of its key, so no key, however written, names a path of its own: nothing escapes the root.
 * The directory holds the bytes as {@code <md5>-<size>.data} and a sidecar {@code meta} (key, size, MD5,
 * Content-Type, data file). Uploads are written to {@code <root>/.tmp} while hashed, moved into place
 * atomically, and only then published by atomically replacing {@code meta}: a reader that finds
 * {@code meta} always finds the complete bytes it names. Listing by prefix reads an index of keys, built from the
 * sidecars at its first use and kept current by every commit and delete.
 */
public final class ObjectDirectory {

    private static final HexFormat HEX = HexFormat.of();
    private static final String META = "meta";
    private static final Duration STALE_TEMP = Duration.ofHours(1);

    private final Path bucketDir;
    private final Path tmpDir;
    private final Object[] locks = new Object[64];
    /** The keys of published objects, in key order, for listing; complete once {@link #indexed}. */
    private final ConcurrentSkipListSet<String> keys = new ConcurrentSkipListSet<>();
    /** Commits and deletes maintain {@link #keys}: set before the first walk of the disk. */
    private volatile boolean tracking;
    /** The first walk of the disk is done. */
    private volatile boolean indexed;

    /** Bytes received into a temporary file, not yet visible to anyone. */
    public record Received(Path tempFile, long size, String md5) {}

    /** A published object: its metadata and where its bytes are. */
    public record StoredObject(
            ObjectKey key, long size, String md5, String contentType, Instant lastModified, Path data) {

        /** OSS's ETag of a simple upload: the MD5 in upper-case hex, quoted. */
        public String etag() {
            return "\"" + md5.toUpperCase(Locale.ROOT) + "\"";
        }
    }

    public ObjectDirectory(Path root, String bucket) {
        Path absoluteRoot = root.toAbsolutePath().normalize();
        this.bucketDir = absoluteRoot.resolve(bucket);
        this.tmpDir = absoluteRoot.resolve(".tmp");
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        try {
            Files.createDirectories(bucketDir);
            Files.createDirectories(tmpDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create local-storage directories under " + absoluteRoot, e);
        }
        removeStaleTemporaryFiles();
    }

    /**
     * Streams {@code body} into a temporary file while computing its MD5. Stops as soon as more than
     * {@code maxBytes} arrive. On any failure the temporary file is deleted before this returns.
     *
     * @throws OssRejection {@code EntityTooLarge}
     */
    public Received receive(InputStream body, long maxBytes) throws IOException {
        Path temp = Files.createTempFile(tmpDir, "upload-", ".part");
        try {
            MessageDigest md5 = md5();
            long size = 0;
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), md5)) {
                int n;
                while ((n = body.read(chunk)) >= 0) {
                    size += n;
                    if (size > maxBytes) {
                        throw OssError.ENTITY_TOO_LARGE.reject(
                                "Your proposed upload exceeds the maximum allowed " + "size (" + maxBytes + " bytes).");
                    }
                    out.write(chunk, 0, n);
                }
            }
            return new Received(temp, size, HEX.formatHex(md5.digest()));
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Deletes a received file that will not be published. */
    public void discard(Received received) {
        try {
            Files.deleteIfExists(received.tempFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes received bytes under {@code key}, replacing any previous object atomically. */
    public StoredObject commit(ObjectKey key, Received received, String contentType) throws IOException {
        return commit(key, received, contentType, true);
    }

    /**
     * Publishes received bytes under {@code key}. With {@code replace} false the key must be free: the metadata is then
     * published by a hard link, which the file system creates atomically and never over an existing file (unlike a
     * rename, which silently replaces on POSIX), so of two writers racing for one key exactly one wins, in this
     * process or another.
     *
     * @throws ObjectExistsException when {@code replace} is false and the key holds an object; nothing changed
     */
    public StoredObject commit(ObjectKey key, Received received, String contentType, boolean replace)
            throws IOException {
        Path dir = directoryOf(key);
        String dataName = received.md5() + "-" + received.size() + ".data";
        synchronized (lockOf(key)) {
            try {
                if (!replace && Files.exists(dir.resolve(META))) {
                    throw new ObjectExistsException(key);
                }
                Files.createDirectories(dir);
                Files.move(
                        received.tempFile(),
                        dir.resolve(dataName),
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
                Properties meta = new Properties();
                meta.setProperty("key", key.value());
                meta.setProperty("size", Long.toString(received.size()));
                meta.setProperty("md5", received.md5());
                meta.setProperty("content-type", contentType);
                meta.setProperty("data", dataName);
                Path metaTemp = Files.createTempFile(dir, META + "-", ".tmp");
                try {
                    try (Writer writer = Files.newBufferedWriter(metaTemp, StandardCharsets.UTF_8)) {
                        meta.store(writer, null);
                    }
                    if (replace) {
                        Files.move(
                                metaTemp,
                                dir.resolve(META),
                                StandardCopyOption.ATOMIC_MOVE,
                                StandardCopyOption.REPLACE_EXISTING);
                    } else {
                        linkNewMeta(key, dir, metaTemp, dataName);
                    }
                } finally {
                    Files.deleteIfExists(metaTemp);
                }
                deleteDataExcept(dir, dataName);
                if (tracking) {
                    keys.add(key.value());
                }
            } finally {
                Files.deleteIfExists(received.tempFile());
            }
        }
        return find(key).orElseThrow(() -> new IOException("object " + key + " vanished while being stored"));
    }

    /** Publishes {@code metaTemp} as the key's metadata unless the key already has one (then removes our bytes). */
    private static void linkNewMeta(ObjectKey key, Path dir, Path metaTemp, String dataName) throws IOException {
        try {
            Files.createLink(dir.resolve(META), metaTemp);
        } catch (FileAlreadyExistsException taken) {
            // another writer (another process: this one holds the key's lock) published first; its bytes may be
            // in a data file of the same name, which then is the same content and stays
            String theirs = readMeta(dir).getProperty("data", "");
            if (!theirs.equals(dataName)) {
                Files.deleteIfExists(dir.resolve(dataName));
            }
            throw new ObjectExistsException(key);
        }
    }

    private static Properties readMeta(Path dir) throws IOException {
        Properties meta = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve(META), StandardCharsets.UTF_8)) {
            meta.load(reader);
        } catch (NoSuchFileException e) {
            // deleted meanwhile: no metadata
        }
        return meta;
    }

    /**
     * Copies the object under {@code source} to {@code target} (replacing what it held) as an upload is stored:
     * the bytes are read into a temporary file, hashed, and published atomically with the source's Content-Type.
     *
     * @return the object now under {@code target}; empty when {@code source} has none
     */
    public Optional<StoredObject> copy(ObjectKey source, ObjectKey target) throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<StoredObject> from = find(source);
            if (from.isEmpty()) {
                return Optional.empty();
            }
            Received received;
            try (InputStream in = Files.newInputStream(from.get().data())) {
                received = receive(in, Long.MAX_VALUE);
            } catch (NoSuchFileException replaced) {
                continue; // replaced or deleted since find: look again
            }
            try {
                return Optional.of(commit(target, received, from.get().contentType()));
            } finally {
                discard(received);
            }
        }
        throw new IOException("object " + source + " kept changing while being copied");
    }

    /**
     * The published objects whose keys start with {@code prefix}, in key order, after {@code afterKey} when given:
     * at most {@code limit} keys are looked at.
     */
    public Listing list(KeyPrefix prefix, Optional<String> afterKey, int limit) {
        ensureIndexed();
        String from =
                afterKey.filter(after -> after.compareTo(prefix.value()) >= 0).orElse(prefix.value());
        boolean inclusive = afterKey.isEmpty() || afterKey.get().compareTo(prefix.value()) < 0;
        List<StoredObject> found = new ArrayList<>();
        String last = null;
        boolean more = false;
        int looked = 0;
        for (String key : keys.tailSet(from, inclusive)) {
            if (!key.startsWith(prefix.value())) {
                break;
            }
            if (looked == limit) {
                more = true;
                break;
            }
            looked++;
            last = key;
            ObjectKey objectKey = new ObjectKey(key);
            Optional<StoredObject> stored = find(objectKey);
            if (stored.isPresent()) {
                found.add(stored.get());
            } else {
                forgetIfGone(objectKey);
            }
        }
        return new Listing(found, Optional.ofNullable(last), more);
    }

    /**
     * Makes {@link #keys} complete: from now on every commit and delete maintains it, then the metadata on disk is
     * read once. A key deleted while the walk runs may stay in it; {@link #list} drops such keys as it meets them.
     */
    private void ensureIndexed() {
        if (indexed) {
            return;
        }
        synchronized (keys) {
            if (indexed) {
                return;
            }
            tracking = true;
            try (DirectoryStream<Path> shards = Files.newDirectoryStream(bucketDir)) {
                for (Path shard : shards) {
                    if (!Files.isDirectory(shard)) {
                        continue;
                    }
                    try (DirectoryStream<Path> objectDirs = Files.newDirectoryStream(shard)) {
                        for (Path dir : objectDirs) {
                            try {
                                String key = readMeta(dir).getProperty("key");
                                if (key != null) {
                                    keys.add(key);
                                }
                            } catch (IOException unreadable) {
                                // find() reports it when the key is asked for; the listing goes on
                            }
                        }
                    }
                }
            } catch (IOException e) {
                tracking = false;
                keys.clear();
                throw new UncheckedIOException("cannot index the objects under " + bucketDir, e);
            }
            indexed = true;
        }
    }

    /** Drops a key that no longer has an object, under its lock so that a concurrent commit is not lost. */
    private void forgetIfGone(ObjectKey key) {
        synchronized (lockOf(key)) {
            if (!Files.exists(directoryOf(key).resolve(META))) {
                keys.remove(key.value());
            }
        }
    }

    /** One page of {@link #list}: the objects found, the last key looked at, whether keys under the prefix follow. */
    public record Listing(List<StoredObject> objects, Optional<String> lastKey, boolean more) {}

    /** The published object under {@code key}, if any. */
    public Optional<StoredObject> find(ObjectKey key) {
        Path dir = directoryOf(key);
        for (int attempt = 0; attempt < 3; attempt++) {
            Properties meta = new Properties();
            try (Reader reader = Files.newBufferedReader(dir.resolve(META), StandardCharsets.UTF_8)) {
                meta.load(reader);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read metadata of " + key, e);
            }
            Path data = dir.resolve(meta.getProperty("data", ""));
            try {
                FileTime modified = Files.getLastModifiedTime(data);
                return Optional.of(new StoredObject(
                        key,
                        Long.parseLong(meta.getProperty("size")),
                        meta.getProperty("md5"),
                        meta.getProperty("content-type"),
                        modified.toInstant(),
                        data));
            } catch (NoSuchFileException e) {
                // replaced or deleted between reading meta and its data: read meta again
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + key, e);
            }
        }
        return Optional.empty();
    }

    /** Removes the object; removing a missing object does nothing. */
    public void delete(ObjectKey key) {
        Path dir = directoryOf(key);
        synchronized (lockOf(key)) {
            try {
                Files.deleteIfExists(dir.resolve(META));
                if (tracking) {
                    keys.remove(key.value());
                }
                deleteDataExcept(dir, null);
                Files.deleteIfExists(dir);
            } catch (NoSuchFileException e) {
                // already gone
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + key, e);
            }
        }
    }

    private Path directoryOf(ObjectKey key) {
        String hash = sha256Hex(key.value());
        return bucketDir.resolve(hash.substring(0, 2)).resolve(hash);
    }

    private Object lockOf(ObjectKey key) {
        return locks[Math.floorMod(key.value().hashCode(), locks.length)];
    }

    private static void deleteDataExcept(Path dir, String keep) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.data")) {
            for (Path file : files) {
                if (!file.getFileName().toString().equals(keep)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private void removeStaleTemporaryFiles() {
        Instant cutoff = Instant.now().minus(STALE_TEMP);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmpDir)) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            // best effort: a stale temporary file is harmless
        }
    }

    private static String sha256Hex(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }
}
