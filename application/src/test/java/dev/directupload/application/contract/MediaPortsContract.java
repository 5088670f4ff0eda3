package dev.directupload.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.application.port.out.media.PageCursor;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.family.Family;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.media.FileName;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.media.MediaFileId;
import dev.directupload.domain.media.Placement;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.storage.StoredObject;
import dev.directupload.domain.storage.StoredObjectStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Contract of the stored-object, photo and pending-deletion ports ({@code LoadStoredObjectsPort},
 * {@code SaveStoredObjectPort}, {@code LoadMediaFilePort}, {@code SaveMediaFilePort},
 * {@code DeleteMediaFilePort}, {@code PendingDeletionPort}).
 */
public abstract class MediaPortsContract extends PersistenceContract {

    @Test
    void givenKnownIdentity_saveIfAbsent_returnsTheFirstRecordUnchanged() {
        Family family = newFamily(newUser().id());
        ContentHash hash = randomMd5();
        StoredObject first = ports().saveObjects()
                .saveIfAbsent(StoredObject.uploaded(
                        family.id(),
                        new FileContent(hash, ByteSize.ofBytes(7)),
                        ObjectKey.forContent(family.id(), hash, FileFormat.PNG),
                        FileFormat.PNG,
                        T0));

        StoredObject kept = ports().saveObjects().saveIfAbsent(verified(family.id(), hash, 7, T0.plusSeconds(9)));

        assertThat(kept.status()).isEqualTo(StoredObjectStatus.UPLOADED);
        assertThat(kept.key()).isEqualTo(first.key());
        assertThat(kept.format()).isEqualTo(FileFormat.PNG);
        assertThat(kept.createdAt()).isEqualTo(T0);
        assertThat(kept.verifiedAt()).isEmpty();
        assertThat(ports().loadObjects().findByHashes(family.id(), List.of(hash)))
                .hasSize(1);
    }

    @Test
    void givenEightConcurrentInserts_saveIfAbsent_keepsExactlyOneRecord() throws Exception {
        Family family = newFamily(newUser().id());
        ContentHash hash = randomMd5();

        List<StoredObject> results = concurrently(IntStream.range(0, 8)
                .<Callable<StoredObject>>mapToObj(i ->
                        () -> ports().saveObjects().saveIfAbsent(verified(family.id(), hash, 99, T0.plusSeconds(i))))
                .toList());

        assertThat(results)
                .extracting(StoredObject::createdAt)
                .containsOnly(results.get(0).createdAt());
        List<StoredObject> stored = ports().loadObjects().findByHashes(family.id(), List.of(hash));
        assertThat(stored).hasSize(1);
        StoredObject only = stored.get(0);
        assertThat(only.createdAt()).isEqualTo(results.get(0).createdAt());
    }

    @Test
    void findByHashes_returnsEverySizeOfTheHashInTheFamilyOnly() {
        UserId owner = newUser().id();
        Family family = newFamily(owner);
        Family stranger = newFamily(owner);
        ContentHash hash = randomMd5();
        newObject(family.id(), hash, 10);
        newObject(family.id(), hash, 11);
        newObject(stranger.id(), hash, 10);
        newObject(family.id(), randomMd5(), 10);

        assertThat(ports().loadObjects().findByHashes(family.id(), List.of(hash)))
                .allMatch(o ->
                        o.familyId().equals(family.id()) && o.content().md5().equals(hash))
                .extracting(o -> o.content().size().bytes())
                .containsExactlyInAnyOrder(10L, 11L);
        assertThat(ports().loadObjects().findByHashes(family.id(), List.of())).isEmpty();
    }

    @Test
    void givenThousandHashes_findByHashes_findsExactlyTheStoredOnes() {
        Family family = newFamily(newUser().id());
        List<ContentHash> asked = thousandNewHashes();
        List<ContentHash> stored = storeEveryFourth(family, asked);

        List<StoredObject> found = ports().loadObjects().findByHashes(family.id(), asked);

        assertThat(found).extracting(o -> o.content().md5()).containsExactlyInAnyOrderElementsOf(stored);
        assertThat(found).allMatch(StoredObject::isVerified);
    }

    @Test
    void findVerifiedHashes_answersTheFamilysVerifiedHashesOnly() {
        UserId owner = newUser().id();
        Family family = newFamily(owner);
        Family stranger = newFamily(owner);
        ContentHash verifiedTwice = randomMd5();
        ContentHash onlyUploaded = randomMd5();
        ContentHash strangers = randomMd5();
        ContentHash unknown = randomMd5();
        newObject(family.id(), verifiedTwice, 10);
        newObject(family.id(), verifiedTwice, 11);
        ports().saveObjects()
                .saveIfAbsent(StoredObject.uploaded(
                        family.id(),
                        new FileContent(onlyUploaded, ByteSize.ofBytes(12)),
                        ObjectKey.forContent(family.id(), onlyUploaded, FileFormat.JPEG),
                        FileFormat.JPEG,
                        T0));
        newObject(stranger.id(), strangers, 10);

        assertThat(ports().loadObjects()
                        .findVerifiedHashes(family.id(), List.of(verifiedTwice, onlyUploaded, strangers, unknown)))
                .containsExactly(verifiedTwice);
        assertThat(ports().loadObjects().findVerifiedHashes(stranger.id(), List.of(verifiedTwice, strangers)))
                .containsExactly(strangers);
        assertThat(ports().loadObjects().findVerifiedHashes(family.id(), List.of()))
                .isEmpty();
    }

    @Test
    void givenThousandHashes_findVerifiedHashes_findsExactlyTheStoredOnes() {
        Family family = newFamily(newUser().id());
        List<ContentHash> asked = thousandNewHashes();
        List<ContentHash> stored = storeEveryFourth(family, asked);
        asked.add(asked.get(0));

        assertThat(ports().loadObjects().findVerifiedHashes(family.id(), asked))
                .containsExactlyInAnyOrderElementsOf(stored);
    }

    @Test
    void findByKey_findsTheOwnerOfAKeyOfAnyFamily() {
        Family family = newFamily(newUser().id());
        StoredObject object = newObject(family.id(), randomMd5(), 5);

        assertThat(ports().loadObjects().findByKey(object.key()).orElseThrow().content())
                .isEqualTo(object.content());
        assertThat(ports().loadObjects().findByKey(new ObjectKey(object.key().value() + ".other")))
                .isEmpty();
    }

    @Test
    void givenAlbumHoldingContent_saveIfAbsent_returnsTheExistingPhoto() {
        UserId owner = newUser().id();
        Family family = newFamily(owner);
        Album album = newAlbum(family.id(), T0);
        Album other = newAlbum(family.id(), T0);
        StoredObject object = newObject(family.id(), randomMd5(), 64);
        MediaFile first = ports().saveFiles().saveIfAbsent(photo("p_" + unique(), album, owner, object, T0));

        MediaFile again = ports().saveFiles().saveIfAbsent(photo("p_" + unique(), album, owner, object, T0));
        MediaFile elsewhere = ports().saveFiles().saveIfAbsent(photo("p_" + unique(), other, owner, object, T0));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(elsewhere.id()).isNotEqualTo(first.id());
        MediaFile found = ports().loadFiles().findMediaFile(first.id()).orElseThrow();
        assertThat(found.albumId()).isEqualTo(album.id());
        assertThat(found.key()).isEqualTo(object.key());
        assertThat(found.content()).isEqualTo(object.content());
        assertThat(found.fileName()).isEqualTo(first.fileName());
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(found.capturedAt()).isEmpty();
        assertThat(ports().loadFiles().isKeyReferenced(object.key())).isTrue();
        assertThat(ports().loadFiles().isKeyReferenced(new ObjectKey("families/none/objects/00/x.jpg")))
                .isFalse();
    }

    @Test
    void givenEqualTimestamps_listAlbumPage_pagesNewestFirstByTimeThenIdWithoutGapsOrRepeats() {
        UserId owner = newUser().id();
        Family family = newFamily(owner);
        Album album = newAlbum(family.id(), T0);
        Album other = newAlbum(family.id(), T0);
        Instant same = T0.plusSeconds(30);
        String tag = unique();
        List<MediaFile> saved = new ArrayList<>();
        String[] ids = {
            "p_" + tag + "a",
            "p_" + tag + "B",
            "p_" + tag + "c",
            "p_" + tag + "D",
            "P_" + tag + "e",
            "p_" + tag + "f",
            "p_" + tag + "-g"
        };
        Instant[] times = {T0, same, same, same, same, T0.plusSeconds(60), T0.plusNanos(1000)};
        for (int i = 0; i < ids.length; i++) {
            StoredObject object = newObject(family.id(), randomMd5(), 10 + i);
            saved.add(ports().saveFiles().saveIfAbsent(photo(ids[i], album, owner, object, times[i])));
        }
        ports().saveFiles()
                .saveIfAbsent(photo("p_" + unique(), other, owner, newObject(family.id(), randomMd5(), 1), same));
        List<MediaFileId> expected = saved.stream()
                .sorted(Comparator.comparing(MediaFile::createdAt)
                        .thenComparing(f -> f.id().value())
                        .reversed())
                .map(MediaFile::id)
                .toList();

        List<MediaFileId> paged = new ArrayList<>();
        Optional<PageCursor> cursor = Optional.empty();
        for (int page = 0; page < 10; page++) {
            List<MediaFile> files = ports().loadFiles().listAlbumPage(album.id(), cursor, 2);
            if (files.isEmpty()) {
                break;
            }
            assertThat(files).hasSizeLessThanOrEqualTo(2);
            files.forEach(f -> paged.add(f.id()));
            MediaFile last = files.get(files.size() - 1);
            cursor = Optional.of(new PageCursor(last.createdAt(), last.id()));
        }

        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(ports().loadFiles().listAlbumPage(album.id(), Optional.empty(), 3))
                .extracting(MediaFile::id)
                .containsExactlyElementsOf(expected.subList(0, 3));
    }

    @Test
    void givenTwoPhotosOfOneObject_deleteMediaFile_returnsTheKeyOnlyWithTheLastOne() {
        UserId owner = newUser().id();
        Family family = newFamily(owner);
        StoredObject object = newObject(family.id(), randomMd5(), 77);
        MediaFile first =
                ports().saveFiles().saveIfAbsent(photo("p_" + unique(), newAlbum(family.id(), T0), owner, object, T0));
        MediaFile second =
                ports().saveFiles().saveIfAbsent(photo("p_" + unique(), newAlbum(family.id(), T0), owner, object, T0));

        assertThat(ports().deleteFiles().deleteMediaFile(first)).isEmpty();
        assertThat(ports().loadFiles().findMediaFile(first.id())).isEmpty();
        assertThat(ports().loadObjects()
                        .findByHashes(family.id(), List.of(object.content().md5())))
                .hasSize(1);

        assertThat(ports().deleteFiles().deleteMediaFile(second)).contains(object.key());
        assertThat(ports().loadFiles().findMediaFile(second.id())).isEmpty();
        assertThat(ports().loadObjects()
                        .findByHashes(family.id(), List.of(object.content().md5())))
                .isEmpty();
        assertThat(ports().loadObjects().findByKey(object.key())).isEmpty();
        assertThat(ports().loadFiles().isKeyReferenced(object.key())).isFalse();

        assertThat(ports().deleteFiles().deleteMediaFile(second)).isEmpty();
    }

    @Test
    void givenStoredObject_saveIfStored_savesThePhotoOnceAndNeverAfterTheObjectWentWithItsLastPhoto() {
        UserId owner = newUser().id();
        Family family = newFamily(owner);
        Album album = newAlbum(family.id(), T0);
        StoredObject object = newObject(family.id(), randomMd5(), 31);
        MediaFile first = ports().saveFiles()
                .saveIfStored(photo("p_" + unique(), album, owner, object, T0))
                .orElseThrow();
        assertThat(ports().saveFiles().saveIfStored(photo("p_" + unique(), album, owner, object, T0)))
                .map(MediaFile::id)
                .contains(first.id());
        MediaFile elsewhere = photo("p_" + unique(), newAlbum(family.id(), T0), owner, object, T0);
        MediaFile atAnotherKey = MediaFile.reconstitute(
                new MediaFileId("p_" + unique()),
                new Placement(family.id(), newAlbum(family.id(), T0).id(), owner),
                new FileName("IMG.jpg"),
                new ObjectKey(object.key().value() + ".old"),
                object.format(),
                object.content(),
                null,
                T0);

        assertThat(ports().saveFiles().saveIfStored(atAnotherKey)).isEmpty();
        assertThat(ports().loadFiles().findMediaFile(atAnotherKey.id())).isEmpty();
        assertThat(ports().deleteFiles().deleteMediaFile(first)).contains(object.key());
        assertThat(ports().saveFiles().saveIfStored(elsewhere)).isEmpty();
        assertThat(ports().loadFiles().findMediaFile(elsewhere.id())).isEmpty();
        assertThat(ports().loadFiles().isKeyReferenced(object.key())).isFalse();
    }

    @Test
    void givenLastPhotoDeletedWhileAnotherIsSaved_saveIfStored_eitherKeepsTheObjectOrSavesNothing() throws Exception {
        UserId owner = newUser().id();
        Family family = newFamily(owner);
        for (int round = 0; round < 20; round++) {
            StoredObject object = newObject(family.id(), randomMd5(), 40 + round);
            MediaFile last = ports().saveFiles()
                    .saveIfAbsent(photo("p_" + unique(), newAlbum(family.id(), T0), owner, object, T0));
            MediaFile instant = photo("p_" + unique(), newAlbum(family.id(), T0), owner, object, T0);

            List<Object> outcomes = concurrently(List.<Callable<Object>>of(
                    () -> ports().deleteFiles().deleteMediaFile(last),
                    () -> ports().saveFiles().saveIfStored(instant)));

            Optional<?> deletedKey = (Optional<?>) outcomes.get(0);
            Optional<?> saved = (Optional<?>) outcomes.get(1);
            boolean objectKept = !ports().loadObjects()
                    .findByHashes(family.id(), List.of(object.content().md5()))
                    .isEmpty();
            assertThat(saved.isPresent())
                    .as("round %d: the photo is saved exactly when the object is kept", round)
                    .isEqualTo(objectKept)
                    .isNotEqualTo(deletedKey.isPresent());
            assertThat(ports().loadFiles().findMediaFile(instant.id()).isPresent())
                    .as("round %d: photo %s saved", round, instant.id())
                    .isEqualTo(saved.isPresent());
        }
    }

    @Test
    void givenSameContentInAnotherFamily_deleteMediaFile_stillReturnsThisFamilysKey() {
        UserId owner = newUser().id();
        Family family = newFamily(owner);
        Family other = newFamily(owner);
        ContentHash hash = randomMd5();
        StoredObject mine = newObject(family.id(), hash, 8);
        StoredObject theirs = newObject(other.id(), hash, 8);
        MediaFile photo =
                ports().saveFiles().saveIfAbsent(photo("p_" + unique(), newAlbum(family.id(), T0), owner, mine, T0));
        ports().saveFiles().saveIfAbsent(photo("p_" + unique(), newAlbum(other.id(), T0), owner, theirs, T0));

        assertThat(ports().deleteFiles().deleteMediaFile(photo)).contains(mine.key());
        assertThat(ports().loadObjects().findByHashes(other.id(), List.of(hash)))
                .hasSize(1);
    }

    @Test
    void pendingDeletions_areAQueueOfDistinctKeysOldestFirst() {
        ports().deletions().pendingDeletions(10_000).forEach(ports().deletions()::deletionDone);
        ObjectKey a = new ObjectKey("families/f/objects/aa/" + unique() + ".jpg");
        ObjectKey b = new ObjectKey("families/f/incoming/u/照片 " + unique() + ".jpg");
        ObjectKey c = new ObjectKey("families/f/objects/cc/" + unique() + ".jpg");

        ports().deletions().enqueueDeletion(a, T0);
        ports().deletions().enqueueDeletion(b, T0.plusSeconds(1));
        ports().deletions().enqueueDeletion(a, T0.plusSeconds(2));
        ports().deletions().enqueueDeletion(c, T0.plusSeconds(3));

        assertThat(ports().deletions().pendingDeletions(10)).containsExactly(a, b, c);
        assertThat(ports().deletions().pendingDeletions(2)).containsExactly(a, b);
        ports().deletions().deletionDone(a);
        ports().deletions().deletionDone(new ObjectKey("families/f/never-queued.jpg"));
        assertThat(ports().deletions().pendingDeletions(10)).containsExactly(b, c);
    }

    private static List<ContentHash> thousandNewHashes() {
        long base = System.nanoTime() << 12;
        return new ArrayList<>(
                IntStream.range(0, 1000).mapToObj(i -> md5(base + i)).toList());
    }

    /** Stores a verified object of every fourth hash (sizes differ) and returns those hashes. */
    private List<ContentHash> storeEveryFourth(Family family, List<ContentHash> hashes) {
        List<ContentHash> stored = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i += 4) {
            stored.add(hashes.get(i));
            newObject(family.id(), hashes.get(i), 1000 + i);
        }
        return stored;
    }
}
