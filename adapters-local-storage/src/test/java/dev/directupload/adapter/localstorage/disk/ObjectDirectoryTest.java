package dev.directupload.adapter.localstorage.disk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bucket directory itself: copies, and the key index behind listings. */
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
