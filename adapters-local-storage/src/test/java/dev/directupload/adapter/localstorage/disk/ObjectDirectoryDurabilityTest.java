package dev.directupload.adapter.localstorage.disk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.domain.storage.ObjectKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the store promises when it answers: the object is forced to disk before {@code commit} returns, and
 * a crash at any step (the disk as the process left it, copied at every sync point) leaves no object or a
 * complete one, with no stray files once the next start has cleaned {@code .tmp}.
 */
class ObjectDirectoryDurabilityTest {

    private static final String BUCKET = "album-local";
    private static final ObjectKey KEY = new ObjectKey("families/f1/objects/ab/abcdef.jpg");

    @TempDir
    Path root;

    @TempDir
    Path snapshots;

    @Test
    void newObject_isForcedAndItsEntryFsynced_beforeCommitReturns() throws Exception {
        RecordingSync sync = new RecordingSync(null);
        ObjectDirectory objects = new ObjectDirectory(root, BUCKET, sync);
        sync.watch(objects);
        byte[] content = random(100_000, 1);
        sync.calls.clear();

        objects.commit(KEY, objects.receive(new ByteArrayInputStream(content), 1 << 20), "image/jpeg");

        Path objectDir = objectDir();
        String dataName = md5(content) + "-" + content.length + ".data";
        assertThat(sync.calls)
                .filteredOn(c -> c.kind().equals("file"))
                .extracting(c -> c.path().getFileName().toString(), Call::published)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(dataName, false),
                        org.assertj.core.groups.Tuple.tuple("meta", false));
        assertThat(sync.calls)
                .as("the new prefix directory's entry in the bucket")
                .anyMatch(c -> c.kind().equals("directory")
                        && c.path().equals(objectDir.getParent().getParent()));
        Call last = sync.calls.get(sync.calls.size() - 1);
        assertThat(last.kind()).isEqualTo("directory");
        assertThat(last.path()).isEqualTo(objectDir.getParent());
        assertThat(last.published())
                .as("the parent is fsynced after the object appeared")
                .isTrue();
        try (Stream<Path> files = Files.list(objectDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("meta", dataName);
        }
        assertThat(Files.readAllBytes(objects.find(KEY).orElseThrow().data())).isEqualTo(content);
        assertThat(tmpEntries(root)).isEmpty();
    }

    @Test
    void replacedObject_fsyncsTheDirectoryAfterTheBytesAndAfterMeta() throws Exception {
        RecordingSync sync = new RecordingSync(null);
        ObjectDirectory objects = new ObjectDirectory(root, BUCKET, sync);
        sync.watch(objects);
        objects.commit(KEY, objects.receive(new ByteArrayInputStream(random(5_000, 2)), 1 << 20), "image/jpeg");
        byte[] second = random(7_000, 3);
        sync.calls.clear();

        objects.commit(KEY, objects.receive(new ByteArrayInputStream(second), 1 << 20), "image/png");

        List<Call> objectDirSyncs = sync.calls.stream()
                .filter(c -> c.kind().equals("directory") && c.path().equals(objectDir()))
                .toList();
        assertThat(objectDirSyncs).hasSize(2);
        assertThat(objectDirSyncs.get(1).publishedMd5()).isEqualTo(md5(second));
        assertThat(sync.calls.get(sync.calls.size() - 1)).isEqualTo(objectDirSyncs.get(1));
        assertThat(objects.find(KEY).orElseThrow().contentType()).isEqualTo("image/png");
        try (Stream<Path> files = Files.list(objectDir())) {
            assertThat(files).hasSize(2);
        }
    }

    @Test
    void crashAtAnyStepOfANewObject_leavesNoObjectOrTheWholeObject_andNoStrayFile() throws Exception {
        byte[] content = random(300_000, 4);
        RecordingSync sync = new RecordingSync(null);
        ObjectDirectory objects = new ObjectDirectory(root, BUCKET, sync);
        sync.watch(objects);
        ObjectDirectory.Received received = objects.receive(new ByteArrayInputStream(content), 1 << 20);
        sync.snapshotFolder = snapshots;
        sync.snapshot(); // before commit

        objects.commit(KEY, received, "image/jpeg");
        sync.snapshot(); // after commit returned

        assertThat(sync.snapshotCount).isGreaterThanOrEqualTo(5);
        boolean sawAbsent = false;
        for (int i = 0; i < sync.snapshotCount; i++) {
            Path disk = snapshots.resolve(Integer.toString(i));
            ObjectDirectory restarted = new ObjectDirectory(disk, BUCKET, new RecordingSync(null));
            Optional<ObjectDirectory.StoredObject> found = restarted.find(KEY);
            if (found.isPresent()) {
                assertThat(Files.readAllBytes(found.get().data()))
                        .as("snapshot %d", i)
                        .isEqualTo(content);
                assertThat(found.get().md5()).isEqualTo(md5(content));
            } else {
                sawAbsent = true;
            }
            assertThat(tmpEntries(disk))
                    .as("snapshot %d: .tmp after restart", i)
                    .isEmpty();
            assertThat(bucketFiles(disk))
                    .as("snapshot %d: files in the bucket", i)
                    .hasSize(found.isPresent() ? 2 : 0);
        }
        assertThat(sawAbsent).as("some crash points precede the object").isTrue();
        assertThat(restartedFind(sync.snapshotCount - 1))
                .as("after commit returned")
                .isPresent();
    }

    @Test
    void crashAtAnyStepOfAReplacement_leavesTheOldOrTheNewObject_andDeleteThenLeavesNothing() throws Exception {
        byte[] first = random(50_000, 5);
        byte[] second = random(60_000, 6);
        RecordingSync sync = new RecordingSync(null);
        ObjectDirectory objects = new ObjectDirectory(root, BUCKET, sync);
        sync.watch(objects);
        objects.commit(KEY, objects.receive(new ByteArrayInputStream(first), 1 << 20), "image/jpeg");
        ObjectDirectory.Received received = objects.receive(new ByteArrayInputStream(second), 1 << 20);
        sync.snapshotFolder = snapshots;
        sync.snapshot(); // before commit

        objects.commit(KEY, received, "image/jpeg");
        sync.snapshot();

        assertThat(sync.snapshotCount).isGreaterThanOrEqualTo(5);
        for (int i = 0; i < sync.snapshotCount; i++) {
            Path disk = snapshots.resolve(Integer.toString(i));
            ObjectDirectory restarted = new ObjectDirectory(disk, BUCKET, new RecordingSync(null));
            byte[] stored = Files.readAllBytes(restarted.find(KEY).orElseThrow().data());
            assertThat(stored).as("snapshot %d", i).isIn(first, second);
            if (i == 0 || i == sync.snapshotCount - 1) {
                assertThat(stored).as("before / after commit").isEqualTo(i == 0 ? first : second);
            }
            assertThat(tmpEntries(disk)).as("snapshot %d", i).isEmpty();

            restarted.delete(KEY);

            assertThat(restarted.find(KEY)).isEmpty();
            assertThat(bucketFiles(disk)).as("snapshot %d after delete", i).isEmpty();
        }
    }

    @Test
    void start_removesEveryUnfinishedUpload_howeverRecent() throws Exception {
        ObjectDirectory objects = new ObjectDirectory(root, BUCKET);
        byte[] content = random(1_000, 7);
        objects.commit(KEY, objects.receive(new ByteArrayInputStream(content), 1 << 20), "image/jpeg");
        Path tmp = root.resolve(".tmp");
        Files.write(tmp.resolve("upload-1.part"), random(10, 8));
        Path staged = Files.createDirectories(tmp.resolve("object-2"));
        Files.write(staged.resolve("meta"), random(10, 9));
        Files.setLastModifiedTime(tmp.resolve("upload-1.part"), FileTime.from(Instant.now()));

        ObjectDirectory restarted = new ObjectDirectory(root, BUCKET);

        assertThat(tmpEntries(root)).isEmpty();
        assertThat(Files.readAllBytes(restarted.find(KEY).orElseThrow().data())).isEqualTo(content);
    }

    // ---- helpers

    private Optional<ObjectDirectory.StoredObject> restartedFind(int snapshot) {
        return new ObjectDirectory(snapshots.resolve(Integer.toString(snapshot)), BUCKET, new RecordingSync(null))
                .find(KEY);
    }

    private Path objectDir() {
        String hash = java.util.HexFormat.of().formatHex(sha256(KEY.value()));
        return root.toAbsolutePath()
                .normalize()
                .resolve(BUCKET)
                .resolve(hash.substring(0, 2))
                .resolve(hash);
    }

    private static List<Path> tmpEntries(Path root) throws IOException {
        try (Stream<Path> entries = Files.list(root.resolve(".tmp"))) {
            return entries.toList();
        }
    }

    private static List<Path> bucketFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve(BUCKET))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String md5(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }

    /** One sync call, and whether (with which bytes) the object was visible when it was made. */
    record Call(String kind, Path path, boolean published, String publishedMd5) {}

    /**
     * Records sync calls instead of making them; with a snapshot folder, also copies the whole root there at
     * every call: the disk as a process killed at that moment would leave it.
     */
    private final class RecordingSync extends DiskSync {

        final List<Call> calls = new ArrayList<>();
        Path snapshotFolder;
        private ObjectDirectory watched;
        int snapshotCount;

        RecordingSync(Path snapshotFolder) {
            this.snapshotFolder = snapshotFolder;
        }

        void watch(ObjectDirectory objects) {
            this.watched = objects;
        }

        @Override
        public void file(Path file) {
            record("file", file);
        }

        @Override
        public void directory(Path directory) {
            record("directory", directory);
        }

        private void record(String kind, Path path) {
            snapshot();
            Optional<ObjectDirectory.StoredObject> visible = watched == null ? Optional.empty() : watched.find(KEY);
            calls.add(new Call(
                    kind,
                    path,
                    visible.isPresent(),
                    visible.map(ObjectDirectory.StoredObject::md5).orElse(null)));
        }

        void snapshot() {
            if (snapshotFolder == null) {
                return;
            }
            Path target = snapshotFolder.resolve(Integer.toString(snapshotCount++));
            try (Stream<Path> all = Files.walk(root)) {
                for (Path source : all.toList()) {
                    Path copy = target.resolve(root.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(copy);
                    } else {
                        try (InputStream in = Files.newInputStream(source)) {
                            Files.copy(in, copy);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
