package dev.directupload.application.service.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.directupload.application.harness.UploadCoreHarness;
import dev.directupload.application.harness.UploadCoreHarness.FamilyFixture;
import dev.directupload.application.port.in.photo.Photo;
import dev.directupload.application.port.in.upload.PreparedItem;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.application.service.media.UploadSettings;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.DomainException;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.upload.UploadSlotStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An album that gets a photo of some bytes fulfils every pending upload of those bytes into it: a deleted photo must
 * not come back when the sweeper later reaches an older upload of the same file whose client moved on (its answer
 * was lost, or its form expired and the file was prepared again). Found by bench/soak (issue 11): a photo deleted by
 * its user was recorded again, under a new id, one sweep later. Run on a store whose forms write the content key
 * (OSS, the local store) and on one whose forms write a staging key per upload (MinIO/S3).
 */
class SupersededUploadsTest {

    private static final byte[] BYTES = "the bytes of one photo".getBytes(StandardCharsets.UTF_8);

    private UploadCoreHarness core;
    private FamilyFixture wang;

    private void store(boolean contentKeys) {
        core = new UploadCoreHarness(UploadSettings.defaults(), contentKeys);
        wang = core.family("wang");
    }

    private PreparedItem prepare(UserId caller, Album album) {
        return core.prepareJpeg(caller, wang, album, BYTES);
    }

    private PreparedItem.Upload upload(UserId caller, Album album) {
        PreparedItem item = prepare(caller, album);
        assertThat(item).isInstanceOf(PreparedItem.Upload.class);
        return (PreparedItem.Upload) item;
    }

    /** The client posts the form; on a content key that holds the bytes already storage refuses, as OSS does. */
    private void clientPosts(PreparedItem.Upload slot) {
        ObjectKey key = new ObjectKey(slot.form().fields().get("key"));
        if (core.storage.bytesAt(key).isPresent() && core.storage.canForbidOverwrite()) {
            return; // 409 FileAlreadyExists: the client goes on to complete
        }
        UploadFormRequest request = core.storage.signedRequests().stream()
                .filter(r -> r.key().value().equals(key.value()))
                .reduce((a, b) -> b)
                .orElseThrow();
        core.storage.upload(request, key, BYTES, "image/jpeg");
    }

    private void sweepAfterEveryFormExpired() {
        core.clock.advance(core.settings.rules().policyTtl().plus(ExpiredSlotSweep.GRACE));
        core.sweeper.sweep();
    }

    private List<?> album(Album album) {
        return core.listPhotos
                .list(wang.owner(), album.id(), Optional.empty(), 100)
                .items();
    }

    @ParameterizedTest(name = "content keys: {0}")
    @ValueSource(booleans = {true, false})
    void aDeletedPhoto_staysDeleted_whenTheSweeperReachesAnEarlierUploadOfTheSameFile(boolean contentKeys) {
        store(contentKeys);
        // the first upload's bytes arrived, its answer was lost: the client prepares the file again
        PreparedItem.Upload first = upload(wang.owner(), wang.album());
        clientPosts(first);
        PreparedItem.Upload second = upload(wang.owner(), wang.album());
        clientPosts(second);
        Photo photo = core.complete.complete(wang.owner(), second.uploadId());

        core.deletePhoto.delete(wang.owner(), photo.file().id());
        sweepAfterEveryFormExpired();

        assertThat(album(wang.album())).isEmpty();
        assertThat(core.metadata.mediaFiles()).isEmpty();
        assertThat(core.metadata.slots()).extracting(s -> s.status()).doesNotContain(UploadSlotStatus.PENDING);
        // the earlier upload is answered with what became of the file, as a completed one is
        assertThatThrownBy(() -> core.complete.complete(wang.owner(), first.uploadId()))
                .satisfies(
                        e -> assertThat(((DomainException) e).code().wireName()).isEqualTo("photo_deleted"));
    }

    @ParameterizedTest(name = "content keys: {0}")
    @ValueSource(booleans = {true, false})
    void aDeletedInstantPhoto_staysDeleted_whenAnotherMembersUploadBroughtTheBytesOfAnAbandonedOne(
            boolean contentKeys) {
        store(contentKeys);
        UserId li = core.addMember(wang, "li");
        Album lis = core.addAlbum(wang, "li's");
        // the owner's form expires unused; meanwhile another member uploads the same file
        PreparedItem.Upload abandoned = upload(wang.owner(), wang.album());
        PreparedItem.Upload hers = upload(li, lis);
        clientPosts(hers);
        core.complete.complete(li, hers.uploadId());
        // the owner prepares the file again: 秒传; then deletes the photo
        PreparedItem again = prepare(wang.owner(), wang.album());
        assertThat(again).isInstanceOf(PreparedItem.Instant.class);
        core.deletePhoto.delete(
                wang.owner(), ((PreparedItem.Instant) again).photo().file().id());

        sweepAfterEveryFormExpired();

        assertThat(album(wang.album())).isEmpty();
        assertThat(core.metadata.mediaFiles())
                .singleElement()
                .satisfies(f -> assertThat(f.albumId()).isEqualTo(lis.id()));
        assertThat(core.metadata.slots()).extracting(s -> s.status()).doesNotContain(UploadSlotStatus.PENDING);
        assertThat(abandoned.uploadId()).isNotNull();
    }

    @ParameterizedTest(name = "content keys: {0}")
    @ValueSource(booleans = {true, false})
    void anEarlierUpload_ofAFileTheAlbumHolds_isAnsweredWithThatPhoto_andLeavesNoBytesBehind(boolean contentKeys) {
        store(contentKeys);
        PreparedItem.Upload first = upload(wang.owner(), wang.album());
        clientPosts(first);
        PreparedItem.Upload second = upload(wang.owner(), wang.album());
        clientPosts(second);
        Photo photo = core.complete.complete(wang.owner(), second.uploadId());

        assertThat(core.complete.complete(wang.owner(), first.uploadId()).file().id())
                .isEqualTo(photo.file().id());
        sweepAfterEveryFormExpired();

        assertThat(core.metadata.mediaFiles()).singleElement();
        // only the photo's bytes remain: an earlier upload's own (staging) object is deleted
        assertThat(core.storage.keys()).containsExactly(photo.file().key());
    }
}
