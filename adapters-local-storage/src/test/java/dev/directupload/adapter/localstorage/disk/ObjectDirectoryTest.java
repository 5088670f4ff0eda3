package dev.directupload.adapter.localstorage.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bucket directory itself: publishing without replacing, copies, and the key index behind listings. */
class ObjectDirectoryTest {

    private static final ObjectKey KEY = new ObjectKey("families/f1/objects/ab/abc.jpg");

    @TempDir
    Path root;

    private ObjectDirectory.Received received(ObjectDirectory objects, String text) throws Exception {
        return objects.receive(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Long.MAX_VALUE);
    }

    private static String content(ObjectDirectory objects, ObjectKey key) throws Exception {
        return Files.readString(objects.find(key).orElseThrow().data());
    }

    private Set<Path> files() throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).collect(Collectors.toSet());
        }
    }

    @Test
    void commitWithoutReplace_onATakenKey_throws_andChangesNoFile() throws Exception {
        ObjectDirectory objects = new ObjectDirectory(root, "b-1");
        objects.commit(KEY, received(objects, "first"), "image/jpeg", false);
        ObjectDirectory.Received second = received(objects, "second");
        Set<Path> before = files();

        assertThatThrownBy(() -> objects.commit(KEY, second, "image/jpeg", false))
                .isInstanceOf(ObjectExistsException.class);
        objects.discard(second);

        assertThat(content(objects, KEY)).isEqualTo("first");
        assertThat(files())
                .isEqualTo(before.stream()
                        .filter(p -> !p.equals(second.tempFile()))
                        .collect(Collectors.toSet()));
    }

    @Test
    void commitWithoutReplace_racingWriters_exactlyOneWins_andItsBytesAreStored() throws Exception {
        ObjectDirectory objects = new ObjectDirectory(root, "b-1");
        int writers = 24;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String text = "writer-" + i;
                ObjectDirectory.Received mine = received(objects, text);
                Callable<String> write = () -> {
                    start.await();
                    try {
                        objects.commit(KEY, mine, "image/jpeg", false);
                        return text;
                    } catch (ObjectExistsException e) {
                        return null;
                    } finally {
                        objects.discard(mine);
                    }
                };
                outcomes.add(pool.submit(write));
            }
            start.countDown();
            List<String> winners = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                String won = outcome.get();
                if (won != null) {
                    winners.add(won);
                }
            }

            assertThat(winners).hasSize(1);
            assertThat(content(objects, KEY)).isEqualTo(winners.get(0));
            try (Stream<Path> data =
                    Files.list(objects.find(KEY).orElseThrow().data().getParent())) {
                assertThat(data.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder(
                                "meta",
                                objects.find(KEY)
                                        .orElseThrow()
                                        .data()
                                        .getFileName()
                                        .toString());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void copy_publishesTheSourceBytesAndType_underTheTarget_andAMissingSourceIsEmpty() throws Exception {
        ObjectDirectory objects = new ObjectDirectory(root, "b-1");
        objects.commit(KEY, received(objects, "bytes"), "video/mp4");
        ObjectKey target = new ObjectKey("families/f1/objects/cd/copy.mp4");

        ObjectDirectory.StoredObject copied = objects.copy(KEY, target).orElseThrow();

        assertThat(copied.key()).isEqualTo(target);
        assertThat(copied.md5()).isEqualTo(objects.find(KEY).orElseThrow().md5());
        assertThat(copied.contentType()).isEqualTo("video/mp4");
        assertThat(content(objects, target)).isEqualTo("bytes");
        assertThat(objects.copy(new ObjectKey("families/f1/none.jpg"), new ObjectKey("families/f1/x.jpg")))
                .isEmpty();
        assertThat(objects.find(new ObjectKey("families/f1/x.jpg"))).isEmpty();
        try (Stream<Path> temp = Files.list(root.resolve(".tmp"))) {
            assertThat(temp).as("no temporary file is left").isEmpty();
        }
    }

    @Test
    void listing_aNewDirectoryOverAnExistingRoot_findsWhatWasStoredBefore_andFollowsCommitsAndDeletes()
            throws Exception {
        ObjectDirectory before = new ObjectDirectory(root, "b-1");
        before.commit(new ObjectKey("families/f1/incoming/u1/a.jpg"), received(before, "a"), "image/jpeg");
        before.commit(new ObjectKey("families/f1/incoming/u1/b.jpg"), received(before, "b"), "image/jpeg");
        before.commit(new ObjectKey("families/f1/objects/ab/c.jpg"), received(before, "c"), "image/jpeg");

        ObjectDirectory restarted = new ObjectDirectory(root, "b-1");
        KeyPrefix incoming = new KeyPrefix("families/f1/incoming/");
        assertThat(keys(restarted.list(incoming, Optional.empty(), 10)))
                .containsExactly("families/f1/incoming/u1/a.jpg", "families/f1/incoming/u1/b.jpg");

        restarted.commit(new ObjectKey("families/f1/incoming/u2/d.jpg"), received(restarted, "d"), "image/jpeg");
        restarted.delete(new ObjectKey("families/f1/incoming/u1/a.jpg"));
        ObjectDirectory.Listing first = restarted.list(incoming, Optional.empty(), 1);
        ObjectDirectory.Listing second = restarted.list(incoming, first.lastKey(), 1);

        assertThat(keys(first)).containsExactly("families/f1/incoming/u1/b.jpg");
        assertThat(first.more()).isTrue();
        assertThat(keys(second)).containsExactly("families/f1/incoming/u2/d.jpg");
        assertThat(second.more()).isFalse();
    }

    @Test
    void listing_skipsAKeyDeletedBehindTheIndex_andCountsItAsLookedAt() throws Exception {
        ObjectDirectory objects = new ObjectDirectory(root, "b-1");
        ObjectKey gone = new ObjectKey("families/f1/incoming/u1/a.jpg");
        objects.commit(gone, received(objects, "a"), "image/jpeg");
        objects.commit(new ObjectKey("families/f1/incoming/u1/b.jpg"), received(objects, "b"), "image/jpeg");
        KeyPrefix incoming = new KeyPrefix("families/f1/incoming/");
        objects.list(incoming, Optional.empty(), 10);
        // another directory instance over the same root deletes behind this one's index
        new ObjectDirectory(root, "b-1").delete(gone);

        ObjectDirectory.Listing first = objects.list(incoming, Optional.empty(), 1);
        ObjectDirectory.Listing again = objects.list(incoming, Optional.empty(), 1);

        assertThat(keys(first)).isEmpty();
        assertThat(first.lastKey()).contains(gone.value());
        assertThat(first.more()).isTrue();
        assertThat(keys(again)).containsExactly("families/f1/incoming/u1/b.jpg");
    }

    private static List<String> keys(ObjectDirectory.Listing listing) {
        return listing.objects().stream().map(o -> o.key().value()).toList();
    }
}
