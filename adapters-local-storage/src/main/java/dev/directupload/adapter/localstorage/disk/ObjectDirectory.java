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
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentSkipListSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bucket on disk. An object lives in {@code <root>/<bucket>/<h[0:2]>/<h>/}, where {@code h} is the
 * SHA-256 of its key, so no key, however written, names a path of its own: nothing escapes the root.
 * The directory holds the bytes as {@code <md5>-<size>.data} and a sidecar {@code meta} (key, size, MD5,
 * Content-Type, data file). A reader that finds {@code meta} always finds the complete bytes it names. Listing by
 * prefix reads an index of keys, built from the sidecars at its first use and kept current by every commit and
 * delete.
 *
 * <p>Durability: when {@link #commit} returns, the object is on the storage device. Uploads are written to
 * {@code <root>/.tmp} while hashed; a new object is assembled there (bytes and {@code meta}, each forced with
 * {@code fsync}) and appears by one atomic rename of its whole directory, whose parent is then fsynced. Replacing an
 * existing object moves the bytes in, then atomically replaces {@code meta}, with a directory fsync after each step.
 * A crash at any point leaves either no object or a complete one, and everything left in {@code .tmp} is removed at
 * the next start (one process per root).
 */
public final class ObjectDirectory {

    private static final HexFormat HEX = HexFormat.of();
    private static final String META = "meta";
    private static final Logger LOG = LoggerFactory.getLogger(ObjectDirectory.class);

    private final Path bucketDir;
    private final Path tmpDir;
    private final DiskSync sync;
    private final Object[] locks = new Object[64];
    private final Object prefixLock = new Object();
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
        this(root, bucket, DiskSync.DEVICE);
    }

    public ObjectDirectory(Path root, String bucket, DiskSync sync) {
        Path absoluteRoot = root.toAbsolutePath().normalize();
        this.bucketDir = absoluteRoot.resolve(bucket);
        this.tmpDir = absoluteRoot.resolve(".tmp");
        this.sync = sync;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        try {
            Files.createDirectories(bucketDir);
            Files.createDirectories(tmpDir);
            sync.directory(absoluteRoot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create local-storage directories under " + absoluteRoot, e);
        }
        removeUnfinishedUploads();
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
     * Publishes received bytes under {@code key}. With {@code replace} false the key must be free; the key's lock (one
     * process per root) makes the check and the publication one step, so of two writers racing for one key exactly
     * one wins. When this returns, the object (bytes, {@code meta} and directory entries) is on the storage device.
     *
     * @throws ObjectExistsException when {@code replace} is false and the key holds an object; nothing changed
     */
    public StoredObject commit(ObjectKey key, Received received, String contentType, boolean replace)
            throws IOException {
        Path dir = directoryOf(key);
        String dataName = received.md5() + "-" + received.size() + ".data";
        Path staging = Files.createTempDirectory(tmpDir, "object-");
        try {
            Path data = staging.resolve(dataName);
            Files.move(received.tempFile(), data, StandardCopyOption.ATOMIC_MOVE);
            sync.file(data);
            Properties meta = new Properties();
            meta.setProperty("key", key.value());
            meta.setProperty("size", Long.toString(received.size()));
            meta.setProperty("md5", received.md5());
            meta.setProperty("content-type", contentType);
            meta.setProperty("data", dataName);
            try (Writer writer = Files.newBufferedWriter(staging.resolve(META), StandardCharsets.UTF_8)) {
                meta.store(writer, null);
            }
            sync.file(staging.resolve(META));
            sync.directory(staging);
            synchronized (lockOf(key)) {
                if (Files.exists(dir.resolve(META))) {
                    if (!replace) {
                        throw new ObjectExistsException(key);
                    }
                    replace(dir, staging, dataName);
                } else {
                    if (Files.exists(dir)) {
                        deleteTree(dir); // what a crash or a delete left without metadata
                    }
                    createParentOf(dir);
                    Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
                    sync.directory(dir.getParent());
                }
                if (tracking) {
                    keys.add(key.value());
                }
            }
        } finally {
            Files.deleteIfExists(received.tempFile());
            deleteTree(staging);
        }
        return find(key).orElseThrow(() -> new IOException("object " + key + " vanished while being stored"));
    }

    /** Moves the staged bytes next to the published ones, then atomically replaces {@code meta}. */
    private void replace(Path dir, Path staging, String dataName) throws IOException {
        Files.move(
                staging.resolve(dataName),
                dir.resolve(dataName),
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        sync.directory(dir);
        Files.move(
                staging.resolve(META),
                dir.resolve(META),
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        sync.directory(dir);
        deleteDataExcept(dir, dataName);
    }

    /**
     * Creates {@code <bucket>/<h[0:2]>} when missing and makes its entry in the bucket durable. One lock for all
     * prefixes: nobody sees a new prefix directory before its entry has been fsynced.
     */
    private void createParentOf(Path dir) throws IOException {
        Path parent = dir.getParent();
        synchronized (prefixLock) {
            if (!Files.isDirectory(parent)) {
                Files.createDirectories(parent);
                sync.directory(bucketDir);
            }
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

    /** Removes the object (durably); removing a missing object does nothing. */
    public void delete(ObjectKey key) {
        Path dir = directoryOf(key);
        synchronized (lockOf(key)) {
            try {
                if (!Files.isDirectory(dir)) {
                    return;
                }
                Files.deleteIfExists(dir.resolve(META));
                if (tracking) {
                    keys.remove(key.value());
                }
                deleteTree(dir);
                sync.directory(dir.getParent());
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

    /** Deletes {@code path} and, if it is a directory, everything in it; a missing path is fine. */
    private static void deleteTree(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                for (Path entry : entries) {
                    deleteTree(entry);
                }
            }
        }
        Files.deleteIfExists(path);
    }

    /**
     * Start-up: everything in {@code .tmp} belongs to an upload or a commit that a previous process did not finish
     * (nothing is running yet), so all of it goes.
     */
    private void removeUnfinishedUploads() {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmpDir)) {
            for (Path entry : entries) {
                try {
                    deleteTree(entry);
                    removed++;
                } catch (IOException e) {
                    LOG.warn("Cannot remove {} (an unfinished upload; only wastes space): {}", entry, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list {} to remove unfinished uploads: {}", tmpDir, e.toString());
        }
        if (removed > 0) {
            LOG.info("Removed {} unfinished upload(s) left in {}", removed, tmpDir);
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
