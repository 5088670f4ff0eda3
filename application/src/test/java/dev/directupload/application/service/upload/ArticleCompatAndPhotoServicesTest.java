package dev.directupload.application.service.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.directupload.application.harness.InMemoryObjectStorage;
import dev.directupload.application.harness.UploadCoreHarness;
import dev.directupload.application.harness.UploadCoreHarness.FamilyFixture;
import dev.directupload.application.port.in.compat.HashCheck;
import dev.directupload.application.port.in.compat.PhotoRecord;
import dev.directupload.application.port.in.compat.PrefixPolicy;
import dev.directupload.application.port.in.compat.RecordedPhoto;
import dev.directupload.application.port.in.photo.PhotoPage;
import dev.directupload.application.port.in.upload.DeclaredFile;
import dev.directupload.application.port.in.upload.PrepareUploadsCommand;
import dev.directupload.application.port.in.upload.PreparedItem;
import dev.directupload.application.port.in.upload.SweepUploadsUseCase.SweepReport;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.shared.DomainException;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.upload.UploadSlotStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ArticleCompatAndPhotoServicesTest {

    private final UploadCoreHarness core = new UploadCoreHarness();
    private final FamilyFixture wang = core.family("wang");
    private static final byte[] BYTES = "jpeg bytes of a new year photo".getBytes(StandardCharsets.UTF_8);
    private static final String MD5 = InMemoryObjectStorage.md5(BYTES);

    private static String code(Throwable e) {
        return ((DomainException) e).code().wireName();
    }

    private PrefixPolicy signPrefix() {
        return core.signPrefix.sign(
                wang.owner(), wang.family().id(), wang.album().id());
    }

    private String prefixUpload(byte[] bytes, String contentType, String fileName) {
        PrefixPolicy policy = signPrefix();
        ObjectKey key = new ObjectKey(policy.prefix().basePath() + "/" + fileName);
        core.storage.upload(
                core.storage.signedRequests().get(core.storage.signedRequests().size() - 1), key, bytes, contentType);
        return key.value();
    }

    private PhotoRecord item(String path, String md5, long kb, String type) {
        return new PhotoRecord(
                wang.album().id().value(),
                wang.family().id().value(),
                "IMG.jpg",
                path,
                path,
                type,
                kb,
                1769673600000L,
                md5);
    }

    private List<RecordedPhoto> record(PhotoRecord... items) {
        return core.recordPhotos.record(wang.owner(), List.of(items));
    }

    @Test
    void prefixPolicy_isUnderTheCallersIncomingPrefix_withoutPinnedType() {
        PrefixPolicy policy = signPrefix();

        var request = core.storage.signedRequests().get(0);
        assertThat(policy.prefix().value())
                .isEqualTo("families/" + wang.family().id() + "/incoming/" + wang.owner() + "/");
        assertThat(request.key()).isInstanceOf(KeyCondition.Prefix.class);
        assertThat(request.contentTypes()).isEmpty();
        assertThat(request.size().min()).isEqualTo(ByteSize.ofBytes(1));
        assertThat(request.size().max()).isEqualTo(core.settings.rules().largestAllowedSize());
    }

    @Test
    void articleFlow_uploadThenHashCheckThenRecord() {
        String key = prefixUpload(BYTES, "image/jpeg", "1769673600000_0.jpg");
        String unknown = "0".repeat(32);

        HashCheck before = core.checkHashes.check(wang.owner(), wang.family().id(), List.of(MD5, unknown));
        List<RecordedPhoto> recorded = record(item(key, MD5, 0, "image"));
        HashCheck after = core.checkHashes.check(wang.owner(), wang.family().id(), List.of(MD5.toUpperCase(), unknown));

        assertThat(before.existing()).isEmpty();
        assertThat(recorded).singleElement().isInstanceOf(RecordedPhoto.Created.class);
        assertThat(((RecordedPhoto.Created) recorded.get(0)).photo().file().creatorId())
                .isEqualTo(wang.owner());
        assertThat(after.existing()).containsExactly(new ContentHash(MD5));
        assertThat(after.missing()).containsExactly(new ContentHash(unknown));
    }

    @Test
    void hashCheck_isScopedToTheCallersFamily_andBounded() {
        String key = prefixUpload(BYTES, "image/jpeg", "a.jpg");
        record(item(key, MD5, 0, "image"));
        FamilyFixture li = core.family("li");

        assertThat(core.checkHashes
                        .check(li.owner(), li.family().id(), List.of(MD5))
                        .existing())
                .isEmpty();
        assertThatThrownBy(
                        () -> core.checkHashes.check(li.owner(), wang.family().id(), List.of(MD5)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("family_not_found"));
        assertThatThrownBy(
                        () -> core.checkHashes.check(wang.owner(), wang.family().id(), Collections.nCopies(1001, MD5)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("too_many_hashes"));
        assertThatThrownBy(
                        () -> core.checkHashes.check(wang.owner(), wang.family().id(), List.of("zz")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("invalid_md5"));
    }

    @Test
    void hashCheckOf1000_isOneQuery() {
        List<String> hashes = new ArrayList<>();
        IntStream.range(0, 1000).forEach(i -> hashes.add(String.format("%032x", i)));
        int before = core.metadata.hashQueries();

        core.checkHashes.check(wang.owner(), wang.family().id(), hashes);

        assertThat(core.metadata.hashQueries() - before).isEqualTo(1);
    }

    @Test
    void record_refusesKeysOutsideTheCallersPrefix_withoutLookingAtThem() {
        ObjectKey foreign = new ObjectKey("families/" + wang.family().id() + "/incoming/u_other/x.jpg");
        core.storage.put(foreign, BYTES, "image/jpeg");

        List<RecordedPhoto> results = record(
                item(foreign.value(), MD5, 0, "image"),
                item("families/" + wang.family().id() + "/objects/aa/x.jpg", MD5, 0, "image"),
                item("../" + foreign.value(), MD5, 0, "image"),
                item("/abs.jpg", MD5, 0, "image"));

        assertThat(results)
                .extracting(r -> ((RecordedPhoto.Rejected) r).code().wireName())
                .containsExactly("key_not_allowed", "key_not_allowed", "invalid_object_key", "invalid_object_key");
        assertThat(core.storage.bytesAt(foreign)).isPresent();
        assertThat(core.metadata.mediaFiles()).isEmpty();
    }

    @Test
    void record_withWrongMd5OrSize_deletesTheUpload_andRecordsNothing() {
        String key = prefixUpload(BYTES, "image/jpeg", "b.jpg");

        List<RecordedPhoto> results = record(item(key, "1".repeat(32), 0, "image"));

        assertThat(((RecordedPhoto.Rejected) results.get(0)).code().wireName()).isEqualTo("upload_verification_failed");
        assertThat(core.storage.bytesAt(new ObjectKey(key))).isEmpty();
        assertThat(core.metadata.storedObjects()).isEmpty();
        String again = prefixUpload(BYTES, "image/jpeg", "c.jpg");
        assertThat(((RecordedPhoto.Rejected)
                                record(item(again, MD5, 5, "image")).get(0))
                        .code()
                        .wireName())
                .isEqualTo("upload_verification_failed");
    }

    @Test
    void record_checksTheStoredType() {
        String html = prefixUpload(BYTES, "text/html", "d.jpg");
        String video = prefixUpload(BYTES, "video/mp4", "e.mp4");

        List<RecordedPhoto> results = record(item(html, MD5, 0, "image"), item(video, MD5, 0, "image"));

        assertThat(results)
                .extracting(r -> ((RecordedPhoto.Rejected) r).code().wireName())
                .containsExactly("type_not_allowed", "type_not_allowed");
        assertThat(core.metadata.mediaFiles()).isEmpty();
    }

    @Test
    void record_ofBytesTheFamilyHas_inAnotherAlbum_usesTheExistingObject_andDeletesTheRedundantUpload() {
        String first = prefixUpload(BYTES, "image/jpeg", "f.jpg");
        record(item(first, MD5, 0, "image"));
        Album other = core.addAlbum(wang, "other");
        String second = prefixUpload(BYTES, "image/jpeg", "g.jpg");

        RecordedPhoto result = core.recordPhotos
                .record(wang.owner(), List.of(inAlbum(other, item(second, MD5, 0, "image"))))
                .get(0);

        assertThat(((RecordedPhoto.Created) result).photo().file().key())
                .isEqualTo(core.metadata.storedObjects().get(0).key());
        assertThat(core.storage.bytesAt(new ObjectKey(second))).isEmpty();
        assertThat(core.metadata.storedObjects()).hasSize(1);
        assertThat(core.metadata.mediaFiles()).hasSize(2);
    }

    @Test
    void record_sameBatchAgain_answersDuplicate_withTheSamePhoto_andDropsARepeatedUpload() {
        String first = prefixUpload(BYTES, "image/jpeg", "f.jpg");
        RecordedPhoto created = record(item(first, MD5, 0, "image")).get(0);
        String again = prefixUpload(BYTES, "image/jpeg", "g.jpg");

        List<RecordedPhoto> results = record(item(first, MD5, 0, "image"), item(again, MD5, 0, "image"));

        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(RecordedPhoto.Duplicate.class));
        assertThat(results)
                .extracting(r -> ((RecordedPhoto.Duplicate) r).photo().file().id())
                .containsOnly(((RecordedPhoto.Created) created).photo().file().id());
        assertThat(core.storage.bytesAt(new ObjectKey(again))).isEmpty();
        assertThat(core.metadata.mediaFiles()).hasSize(1);
    }

    @Test
    void record_acceptsTheArticlesObjectKey_theMd5_butNoOtherValue() {
        String key = prefixUpload(BYTES, "image/jpeg", "h.jpg");
        PhotoRecord asTheArticleSends = withObjectKey(item(key, MD5, 0, "image"), MD5);
        PhotoRecord elsewhere = withObjectKey(item(key, MD5, 0, "image"), "families/x/incoming/y/z.jpg");

        List<RecordedPhoto> results = record(elsewhere, asTheArticleSends);

        assertThat(((RecordedPhoto.Rejected) results.get(0)).code().wireName()).isEqualTo("invalid_object_key");
        assertThat(results.get(1)).isInstanceOf(RecordedPhoto.Created.class);
    }

    private static PhotoRecord withObjectKey(PhotoRecord item, String objectKey) {
        return new PhotoRecord(
                item.albumId(),
                item.familyId(),
                item.fileName(),
                item.filePath(),
                objectKey,
                item.fileType(),
                item.fileSizeKb(),
                item.uploadTimeMillis(),
                item.hashValue());
    }

    private static PhotoRecord inAlbum(Album album, PhotoRecord item) {
        return new PhotoRecord(
                album.id().value(),
                item.familyId(),
                item.fileName(),
                item.filePath(),
                item.objectKey(),
                item.fileType(),
                item.fileSizeKb(),
                item.uploadTimeMillis(),
                item.hashValue());
    }

    @Test
    void listing_isNewestFirst_inKeysetPages() {
        for (int i = 0; i < 5; i++) {
            byte[] bytes = ("photo " + i).getBytes(StandardCharsets.UTF_8);
            record(item(prefixUpload(bytes, "image/jpeg", i + ".jpg"), InMemoryObjectStorage.md5(bytes), 0, "image"));
            core.clock.advance(Duration.ofSeconds(i % 2));
        }

        PhotoPage first = core.listPhotos.list(wang.owner(), wang.album().id(), Optional.empty(), 2);
        PhotoPage second = core.listPhotos.list(wang.owner(), wang.album().id(), first.nextCursor(), 2);
        PhotoPage third = core.listPhotos.list(wang.owner(), wang.album().id(), second.nextCursor(), 2);

        List<String> names = new ArrayList<>();
        for (PhotoPage page : List.of(first, second, third)) {
            page.items().forEach(p -> names.add(p.file().key().value().replaceAll(".*/", "")));
        }
        assertThat(names).hasSize(5).doesNotHaveDuplicates();
        assertThat(third.nextCursor()).isEmpty();
        assertThat(first.items().get(0).file().createdAt())
                .isAfterOrEqualTo(first.items().get(1).file().createdAt());
        assertThatThrownBy(() -> core.listPhotos.list(wang.owner(), wang.album().id(), Optional.empty(), 101))
                .satisfies(e -> assertThat(code(e)).isEqualTo("invalid_limit"));
        assertThatThrownBy(() -> core.listPhotos.list(wang.owner(), wang.album().id(), Optional.of("bm9wZQ"), 10))
                .satisfies(e -> assertThat(code(e)).isEqualTo("invalid_cursor"));
        assertThatThrownBy(() -> core.listPhotos.list(
                        core.family("li").owner(), wang.album().id(), Optional.empty(), 10))
                .satisfies(e -> assertThat(code(e)).isEqualTo("album_not_found"));
    }

    @Test
    void deletingThePhoto_deletesTheBytesOnlyWithTheLastReference() {
        String key = prefixUpload(BYTES, "image/jpeg", "h.jpg");
        var first = ((RecordedPhoto.Created) record(item(key, MD5, 0, "image")).get(0))
                .photo()
                .file();
        var otherAlbum = core.addAlbum(wang, "other");
        var second = ((PreparedItem.Instant) core.prepare
                        .prepare(new PrepareUploadsCommand(
                                wang.owner(),
                                wang.family().id(),
                                otherAlbum.id(),
                                List.of(new DeclaredFile("0", "h.jpg", (long) BYTES.length, "image/jpeg", MD5, null))))
                        .get(0))
                .photo()
                .file();

        // recorded against the content key the article's prefix policy cannot write; the upload is gone
        assertThat(first.key()).isNotEqualTo(new ObjectKey(key));
        assertThat(first.key().value()).startsWith("families/" + wang.family().id() + "/objects/");
        assertThat(core.storage.bytesAt(new ObjectKey(key))).isEmpty();
        assertThat(second.key()).isEqualTo(first.key());

        core.deletePhoto.delete(wang.owner(), first.id());
        assertThat(core.storage.bytesAt(first.key())).isPresent();
        core.deletePhoto.delete(wang.owner(), second.id());

        assertThat(core.storage.bytesAt(first.key())).isEmpty();
        assertThat(core.metadata.storedObjects()).isEmpty();
        assertThat(core.metadata.pendingDeletions(10)).isEmpty();
        assertThatThrownBy(() -> core.deletePhoto.delete(wang.owner(), first.id()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("photo_not_found"));
    }

    @Test
    void failedDelete_staysQueued_andTheSweepDeletesItLater() {
        String key = prefixUpload(BYTES, "image/jpeg", "i.jpg");
        var photo = ((RecordedPhoto.Created) record(item(key, MD5, 0, "image")).get(0))
                .photo()
                .file();
        core.storage.failDeletes(true);

        core.deletePhoto.delete(wang.owner(), photo.id());
        assertThat(core.metadata.mediaFiles()).isEmpty();
        assertThat(core.metadata.pendingDeletions(10)).containsExactly(photo.key());
        assertThat(core.storage.bytesAt(photo.key())).isPresent();

        core.storage.failDeletes(false);
        assertThat(core.sweeper.sweep().deletedObjects()).isEqualTo(1);
        assertThat(core.storage.bytesAt(photo.key())).isEmpty();
    }

    @Test
    void sweeper_completesArrivedUploads_andExpiresEmptySlots() {
        List<PreparedItem> items = core.prepare.prepare(new PrepareUploadsCommand(
                wang.owner(),
                wang.family().id(),
                wang.album().id(),
                List.of(
                        new DeclaredFile("0", "a.jpg", (long) BYTES.length, "image/jpeg", MD5, null),
                        new DeclaredFile("1", "b.jpg", 3L, "image/jpeg", "2".repeat(32), null))));
        var arrived = (PreparedItem.Upload) items.get(0);
        core.storage.upload(
                core.storage.signedRequests().get(0),
                new ObjectKey(arrived.form().fields().get("key")),
                BYTES,
                "image/jpeg");

        assertThat(core.sweeper.sweep()).isEqualTo(SweepReport.of(0, 0, 0));
        core.clock.advance(core.settings.rules().policyTtl().plus(ExpiredSlotSweep.GRACE));
        SweepReport report = core.sweeper.sweep();

        // the empty slot expires; nothing is queued for deletion: its bytes may still be on their way
        assertThat(report).isEqualTo(SweepReport.of(1, 1, 0));
        assertThat(core.metadata.mediaFiles())
                .singleElement()
                .satisfies(f -> assertThat(f.content().md5().md5()).isEqualTo(MD5));
        assertThat(core.metadata.slots())
                .extracting(s -> s.status())
                .containsExactlyInAnyOrder(UploadSlotStatus.COMPLETED, UploadSlotStatus.EXPIRED);
        assertThat(core.complete
                        .complete(wang.owner(), arrived.uploadId())
                        .file()
                        .content()
                        .md5()
                        .md5())
                .isEqualTo(MD5);
    }

    @Test
    void sweeper_expiringASlotWhoseBytesAreStillOnTheWay_neverDeletesThemOnceTheyArrive() {
        var slow = (PreparedItem.Upload) core.prepare
                .prepare(new PrepareUploadsCommand(
                        wang.owner(),
                        wang.family().id(),
                        wang.album().id(),
                        List.of(new DeclaredFile("0", "v.jpg", (long) BYTES.length, "image/jpeg", MD5, null))))
                .get(0);
        ObjectKey key = new ObjectKey(slow.form().fields().get("key"));
        core.clock.advance(core.settings.rules().policyTtl().plus(ExpiredSlotSweep.GRACE));
        // storage refuses deletes during this sweep: anything it queued would be retried by the next one
        core.storage.failDeletes(true);
        assertThat(core.sweeper.sweep()).isEqualTo(SweepReport.of(0, 1, 0));
        core.storage.failDeletes(false);

        // the slow upload's last bytes arrive; the next sweep runs before the phone calls complete
        core.storage.upload(core.storage.signedRequests().get(0), key, BYTES, "image/jpeg");
        core.sweeper.sweep();

        assertThat(core.storage.bytesAt(key)).isPresent();
        assertThat(core.complete
                        .complete(wang.owner(), slow.uploadId())
                        .file()
                        .content()
                        .md5()
                        .md5())
                .isEqualTo(MD5);
    }

    @Test
    void sweeper_withAConfiguredGrace_leavesSlotsAloneUntilItEnds_thenCompletesArrivedUploads() {
        ExpiredSlotSweep sweeper = sweepWithGrace(Duration.ofSeconds(5));
        var arrived = (PreparedItem.Upload) core.prepare
                .prepare(new PrepareUploadsCommand(
                        wang.owner(),
                        wang.family().id(),
                        wang.album().id(),
                        List.of(new DeclaredFile("0", "a.jpg", (long) BYTES.length, "image/jpeg", MD5, null))))
                .get(0);
        core.storage.upload(
                core.storage.signedRequests().get(0),
                new ObjectKey(arrived.form().fields().get("key")),
                BYTES,
                "image/jpeg");

        core.clock.advance(core.settings.rules().policyTtl().plusSeconds(4));
        assertThat(sweeper.sweep(Duration.ofSeconds(10))).containsExactly(0, 0);
        core.clock.advance(Duration.ofSeconds(2));

        assertThat(sweeper.sweep(Duration.ofSeconds(10))).containsExactly(1, 0);
        assertThat(core.metadata.slots()).extracting(s -> s.status()).containsExactly(UploadSlotStatus.COMPLETED);
    }

    @Test
    void sweeper_refusesANegativeGrace() {
        assertThatThrownBy(() -> sweepWithGrace(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("upload.sweep-grace");
    }

    private ExpiredSlotSweep sweepWithGrace(Duration grace) {
        return new ExpiredSlotSweep(
                core.metadata.uploads,
                core.metadata.uploads,
                core.metadata.families,
                core.recorder,
                core.janitor,
                grace,
                core.clock);
    }
}
