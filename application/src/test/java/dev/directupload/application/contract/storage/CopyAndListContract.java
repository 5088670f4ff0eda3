package dev.directupload.application.contract.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.directupload.application.port.out.storage.CopyObjectPort;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.ListObjectsPort;
import dev.directupload.application.port.out.storage.ListedObject;
import dev.directupload.application.port.out.storage.ListingCursor;
import dev.directupload.application.port.out.storage.ObjectMetadata;
import dev.directupload.application.port.out.storage.ObjectPage;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * What every store's {@link CopyObjectPort} and {@link ListObjectsPort} must do: a copy keeps bytes, Content-Type and
 * MD5 (as inspect of the target reports them), a listing pages through every key under a prefix exactly once, in key
 * order, filtered by age, and never strays outside the prefix. Each test works under a fresh prefix, so tests may
 * share a bucket. Subclass once per store.
 */
public abstract class CopyAndListContract {

    protected abstract CopyObjectPort copies();

    protected abstract ListObjectsPort listings();

    protected abstract InspectObjectPort inspector();

    /** Puts an object as a client's single-part upload would. */
    protected abstract void store(ObjectKey key, byte[] content, String contentType) throws Exception;

    /** The bytes the store serves for a key. */
    protected abstract byte[] read(ObjectKey key) throws Exception;

    /** The store's idea of the current time, to which its last-modified times are compared. */
    protected Instant storeNow() {
        return Instant.now();
    }

    private final String run = "families/f_contract/incoming/c" + UUID.randomUUID() + "/";

    private KeyPrefix prefix(String name) {
        return new KeyPrefix(run + name + "/");
    }

    private ObjectKey key(String relative) {
        return new ObjectKey(run + relative);
    }

    protected static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    protected static ContentHash md5(byte[] content) {
        try {
            return ContentHash.ofMd5(
                    HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- copy ----

    @Test
    void copy_keepsBytesTypeAndMd5_andInspectOfTheTargetSaysSo() throws Exception {
        byte[] content = randomBytes(70_001);
        ObjectKey source = key("staging/slot-1.jpg");
        ObjectKey target = key("objects/ab/content.jpg");
        store(source, content, "image/jpeg");

        Optional<ObjectMetadata> copied = copies().copy(source, target);

        ObjectMetadata expected = new ObjectMetadata(
                target, ByteSize.ofBytes(content.length), Optional.of(md5(content)), Optional.of("image/jpeg"));
        assertThat(copied).contains(expected);
        assertThat(inspector().inspect(target)).contains(expected);
        assertThat(read(target)).isEqualTo(content);
        assertThat(read(source)).as("the source is left as it was").isEqualTo(content);
    }

    @Test
    void copy_replacesWhatTheTargetHeld() throws Exception {
        byte[] content = randomBytes(4_096);
        ObjectKey source = key("staging/slot-2.mp4");
        ObjectKey target = key("objects/cd/content.mp4");
        store(target, randomBytes(10), "image/png");
        store(source, content, "video/mp4");

        Optional<ObjectMetadata> copied = copies().copy(source, target);

        assertThat(copied.map(ObjectMetadata::md5)).contains(Optional.of(md5(content)));
        assertThat(read(target)).isEqualTo(content);
        assertThat(inspector().inspect(target).orElseThrow().contentType()).contains("video/mp4");
    }

    @Test
    void copy_ofAMissingSource_isEmpty_andWritesNothing() {
        ObjectKey target = key("objects/ef/never.jpg");

        assertThat(copies().copy(key("staging/missing.jpg"), target)).isEmpty();
        assertThat(inspector().inspect(target)).isEmpty();
    }

    // ---- list ----

    @Test
    void list_pagesThroughEveryKeyUnderThePrefixOnce_inKeyOrder_andNothingOutsideIt() throws Exception {
        KeyPrefix prefix = prefix("u_1");
        List<ObjectKey> inside =
                List.of(key("u_1/a.jpg"), key("u_1/b.jpg"), key("u_1/c/d.jpg"), key("u_1/e.jpg"), key("u_1/f.jpg"));
        for (int i = inside.size() - 1; i >= 0; i--) {
            store(inside.get(i), randomBytes(100 + i), "image/jpeg");
        }
        store(key("u_10/a.jpg"), randomBytes(5), "image/jpeg");
        store(key("u_0.jpg"), randomBytes(5), "image/jpeg");

        List<ListedObject> listed = new ArrayList<>();
        Optional<ListingCursor> after = Optional.empty();
        int pages = 0;
        Instant cutoff = storeNow().plus(Duration.ofHours(1));
        do {
            ObjectPage page = listings().listOlderThan(prefix, cutoff, 2, after);
            assertThat(page.objects()).hasSizeLessThanOrEqualTo(2);
            listed.addAll(page.objects());
            after = page.next();
            assertThat(++pages).as("pages").isLessThanOrEqualTo(3);
        } while (after.isPresent());

        assertThat(listed).extracting(ListedObject::key).containsExactlyElementsOf(inside);
        assertThat(listed).extracting(o -> o.size().bytes()).containsExactly(100L, 101L, 102L, 103L, 104L);
        assertThat(listed)
                .allSatisfy(o -> assertThat(o.lastModified())
                        .isBetween(
                                storeNow().minus(Duration.ofMinutes(10)),
                                storeNow().plus(Duration.ofMinutes(1))));
    }

    @Test
    void list_returnsOnlyObjectsLastModifiedBeforeTheCutoff() throws Exception {
        KeyPrefix prefix = prefix("u_2");
        ObjectKey older = key("u_2/older.jpg");
        store(older, randomBytes(10), "image/jpeg");
        Instant olderModified =
                listAll(prefix, storeNow().plus(Duration.ofHours(1))).get(0).lastModified();
        // last-modified times may have whole seconds only: the newer object is written a second later
        Instant cutoff = olderModified.plusMillis(1);
        while (!storeNow().isAfter(olderModified.plusMillis(1_100))) {
            Thread.sleep(50);
        }
        ObjectKey newer = key("u_2/newer.jpg");
        store(newer, randomBytes(10), "image/jpeg");

        assertThat(listAll(prefix, cutoff)).extracting(ListedObject::key).containsExactly(older);
        assertThat(listAll(prefix, storeNow().plus(Duration.ofHours(1))))
                .extracting(ListedObject::key)
                .containsExactly(newer, older);
        assertThat(listAll(prefix, olderModified.minusSeconds(60))).isEmpty();
    }

    @Test
    void list_ofAnEmptyPrefix_isOneEmptyPage() {
        ObjectPage page =
                listings().listOlderThan(prefix("nobody"), storeNow().plus(Duration.ofHours(1)), 10, Optional.empty());

        assertThat(page.objects()).isEmpty();
        assertThat(page.next()).isEmpty();
    }

    @Test
    void list_limitOutOfRange_isRefused() {
        assertThatThrownBy(() -> listings().listOlderThan(prefix("u_3"), storeNow(), 0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> listings().listOlderThan(prefix("u_3"), storeNow(), 1001, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<ListedObject> listAll(KeyPrefix prefix, Instant cutoff) {
        List<ListedObject> all = new ArrayList<>();
        Optional<ListingCursor> after = Optional.empty();
        do {
            ObjectPage page = listings().listOlderThan(prefix, cutoff, 1, after);
            all.addAll(page.objects());
            after = page.next();
        } while (after.isPresent());
        return all;
    }
}
