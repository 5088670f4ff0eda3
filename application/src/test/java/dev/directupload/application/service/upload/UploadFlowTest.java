package dev.directupload.application.service.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.directupload.application.harness.InMemoryObjectStorage;
import dev.directupload.application.harness.UploadCoreHarness;
import dev.directupload.application.harness.UploadCoreHarness.FamilyFixture;
import dev.directupload.application.port.in.photo.Photo;
import dev.directupload.application.port.in.upload.DeclaredFile;
import dev.directupload.application.port.in.upload.PrepareUploadsCommand;
import dev.directupload.application.port.in.upload.PreparedItem;
import dev.directupload.application.port.out.media.LoadStoredObjectsPort;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.shared.DomainException;
import dev.directupload.domain.shared.InvalidValueException;
import dev.directupload.domain.shared.NotFoundException;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.storage.StoredObject;
import dev.directupload.domain.upload.UploadSlotStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UploadFlowTest {

    private final UploadCoreHarness core = new UploadCoreHarness();
    private final FamilyFixture wang = core.family("wang");

    private static final byte[] BYTES = "a photo's bytes".getBytes(StandardCharsets.UTF_8);
    private static final String MD5 = InMemoryObjectStorage.md5(BYTES);

    private static DeclaredFile jpeg(String ref, byte[] bytes) {
        return new DeclaredFile(
                ref, "IMG_" + ref + ".jpg", (long) bytes.length, "image/jpeg", InMemoryObjectStorage.md5(bytes), null);
    }

    private List<PreparedItem> prepare(UserId caller, FamilyFixture family, Album album, DeclaredFile... files) {
        return core.prepare.prepare(
                new PrepareUploadsCommand(caller, family.family().id(), album.id(), List.of(files)));
    }

    private PreparedItem.Upload uploadSlot(PreparedItem item) {
        assertThat(item).isInstanceOf(PreparedItem.Upload.class);
        return (PreparedItem.Upload) item;
    }

    private void clientPosts(PreparedItem.Upload slot, byte[] bytes) {
        UploadFormRequest request = core.storage.signedRequests().stream()
                .filter(r -> r.key().value().equals(slot.form().fields().get("key")))
                .reduce((a, b) -> b)
                .orElseThrow();
        core.storage.upload(request, new ObjectKey(slot.form().fields().get("key")), bytes, "image/jpeg");
    }

    @Test
    void givenNewFile_prepare_signsAnExactContentAddressedSlot() {
        PreparedItem.Upload slot = uploadSlot(
                prepare(wang.owner(), wang, wang.album(), jpeg("0", BYTES)).get(0));

        UploadFormRequest signed = core.storage.signedRequests().get(0);
        String expectedKey = "families/" + wang.family().id() + "/objects/" + MD5.substring(0, 2) + "/" + MD5 + ".jpg";
        assertThat(signed.key()).isEqualTo(new KeyCondition.Exact(new ObjectKey(expectedKey)));
        assertThat(signed.size().min()).isEqualTo(ByteSize.ofBytes(BYTES.length));
        assertThat(signed.size().max()).isEqualTo(ByteSize.ofBytes(BYTES.length));
        assertThat(signed.contentTypes()).containsExactly("image/jpeg");
        assertThat(signed.ttl()).isLessThanOrEqualTo(Duration.ofMinutes(15));
        assertThat(core.metadata.slots())
                .singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(UploadSlotStatus.PENDING));
        assertThat(slot.clientRef()).isEqualTo("0");
        assertThat(core.metadata.mediaFiles()).isEmpty();
    }

    @Test
    void givenUploadedObject_complete_verifiesAndRecordsOnce() {
        PreparedItem.Upload slot = uploadSlot(
                prepare(wang.owner(), wang, wang.album(), jpeg("0", BYTES)).get(0));
        clientPosts(slot, BYTES);

        Photo photo = core.complete.complete(wang.owner(), slot.uploadId());
        Photo again = core.complete.complete(wang.owner(), slot.uploadId());

        assertThat(again.file().id()).isEqualTo(photo.file().id());
        assertThat(photo.file().content().md5().md5()).isEqualTo(MD5);
        assertThat(photo.download().url()).endsWith(photo.file().key().value());
        assertThat(core.metadata.storedObjects())
                .singleElement()
                .satisfies(o -> assertThat(o.isVerified()).isTrue());
        assertThat(core.metadata.mediaFiles()).hasSize(1);
    }

    @Test
    void givenKnownHash_prepare_recordsWithoutUpload() {
        PreparedItem.Upload slot = uploadSlot(
                prepare(wang.owner(), wang, wang.album(), jpeg("0", BYTES)).get(0));
        clientPosts(slot, BYTES);
        core.complete.complete(wang.owner(), slot.uploadId());
        Album second = core.addAlbum(wang, "second");
        int signaturesBefore = core.storage.signedRequests().size();

        PreparedItem item =
                prepare(wang.owner(), wang, second, jpeg("1", BYTES)).get(0);

        assertThat(item).isInstanceOf(PreparedItem.Instant.class);
        assertThat(((PreparedItem.Instant) item).photo().file().albumId()).isEqualTo(second.id());
        assertThat(core.storage.signedRequests()).hasSize(signaturesBefore);
        assertThat(core.metadata.storedObjects()).hasSize(1);
        assertThat(core.metadata.mediaFiles()).hasSize(2);
    }

    /**
     * The prepare found the family's object, but its last photo was deleted (and the object with it) before the 秒传
     * photo was saved: the file is uploaded like a new one, and no photo points at the deleted bytes.
     */
    @Test
    void givenObjectGoneBeforeTheInstantPhotoIsSaved_prepare_signsAnUploadInstead() {
        PreparedItem.Upload first = uploadSlot(
                prepare(wang.owner(), wang, wang.album(), jpeg("0", BYTES)).get(0));
        clientPosts(first, BYTES);
        Photo recorded = core.complete.complete(wang.owner(), first.uploadId());
        var staleLookup = core.metadata.media.findByHashes(
                wang.family().id(), List.of(recorded.file().content().md5()));
        core.deletePhoto.delete(wang.owner(), recorded.file().id());
        assertThat(core.metadata.storedObjects()).isEmpty();
        PrepareUploadsService racing = core.prepareWith(
                new LoadStoredObjectsPort() {
                    @Override
                    public List<StoredObject> findByHashes(FamilyId family, Collection<ContentHash> hashes) {
                        return staleLookup;
                    }

                    @Override
                    public java.util.Set<ContentHash> findVerifiedHashes(
                            FamilyId family, Collection<ContentHash> hashes) {
                        return core.metadata.media.findVerifiedHashes(family, hashes);
                    }

                    @Override
                    public java.util.Optional<StoredObject> findByKey(ObjectKey key) {
                        return core.metadata.media.findByKey(key);
                    }
                },
                core.storage);
        Album second = core.addAlbum(wang, "second");

        PreparedItem item = racing.prepare(new PrepareUploadsCommand(
                        wang.owner(), wang.family().id(), second.id(), List.of(jpeg("1", BYTES))))
                .get(0);

        PreparedItem.Upload slot = uploadSlot(item);
        assertThat(core.metadata.mediaFiles()).isEmpty();
        clientPosts(slot, BYTES);
        Photo again = core.complete.complete(wang.owner(), slot.uploadId());
        assertThat(again.file().albumId()).isEqualTo(second.id());
        assertThat(core.storage.bytesAt(again.file().key()))
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(BYTES));
    }

    @Test
    void givenHashKnownInAnotherFamily_prepare_stillRequiresUpload() {
        PreparedItem.Upload slot = uploadSlot(
                prepare(wang.owner(), wang, wang.album(), jpeg("0", BYTES)).get(0));
        clientPosts(slot, BYTES);
        core.complete.complete(wang.owner(), slot.uploadId());
        FamilyFixture li = core.family("li");

        assertThat(prepare(li.owner(), li, li.album(), jpeg("0", BYTES)).get(0))
                .isInstanceOf(PreparedItem.Upload.class);
    }

    @Test
    void givenSameFileTwiceInOneRequest_secondIsLinkedToFirst() {
        List<PreparedItem> items = prepare(wang.owner(), wang, wang.album(), jpeg("0", BYTES), jpeg("1", BYTES));

        assertThat(items.get(0)).isInstanceOf(PreparedItem.Upload.class);
        assertThat(items.get(1)).isEqualTo(new PreparedItem.Duplicate("1", "0"));
        assertThat(core.storage.signedRequests()).hasSize(1);
    }

    @Test
    void givenBadFiles_eachIsRejectedAlone_andOthersProceed() {
        List<PreparedItem> items = prepare(
                wang.owner(),
                wang,
                wang.album(),
                new DeclaredFile("md5", "a.jpg", 10L, "image/jpeg", "xyz", null),
                new DeclaredFile("size", "a.jpg", -1L, "image/jpeg", MD5, null),
                new DeclaredFile("zero", "a.jpg", 0L, "image/jpeg", MD5, null),
                new DeclaredFile("nosize", "a.jpg", null, "image/jpeg", MD5, null),
                new DeclaredFile("type", "a.exe", 10L, "application/x-msdownload", MD5, null),
                new DeclaredFile("big", "a.jpg", ByteSize.ofMegabytes(51).bytes(), "image/jpeg", MD5, null),
                new DeclaredFile("name", "../a.jpg", 10L, "image/jpeg", MD5, null),
                jpeg("ok", BYTES));

        assertThat(items)
                .extracting(i -> i instanceof PreparedItem.Rejected r ? r.code().wireName() : "accepted")
                .containsExactly(
                        "invalid_md5",
                        "invalid_size",
                        "invalid_size",
                        "invalid_size",
                        "type_not_allowed",
                        "file_too_large",
                        "invalid_name",
                        "accepted");
        assertThat(core.metadata.slots()).hasSize(1);
    }

    @Test
    void givenSameMd5WithOtherSize_prepare_reportsHashConflict() {
        PreparedItem.Upload slot = uploadSlot(
                prepare(wang.owner(), wang, wang.album(), jpeg("0", BYTES)).get(0));
        clientPosts(slot, BYTES);
        core.complete.complete(wang.owner(), slot.uploadId());

        PreparedItem item = prepare(
                        wang.owner(),
                        wang,
                        wang.album(),
                        new DeclaredFile("x", "x.jpg", BYTES.length + 1L, "image/jpeg", MD5, null))
                .get(0);

        assertThat(item).isInstanceOf(PreparedItem.Rejected.class);
        assertThat(((PreparedItem.Rejected) item).code().wireName()).isEqualTo("hash_conflict");
    }

    @Test
    void givenNothingUploaded_complete_isRetryableNotFound_andRecordsNothing() {
        PreparedItem.Upload slot = uploadSlot(
                prepare(wang.owner(), wang, wang.album(), jpeg("0", BYTES)).get(0));

        assertThatThrownBy(() -> core.complete.complete(wang.owner(), slot.uploadId()))
                .satisfies(
                        e -> assertThat(((DomainException) e).code().wireName()).isEqualTo("object_not_found"));
        assertThat(core.metadata.storedObjects()).isEmpty();
        assertThat(core.metadata.mediaFiles()).isEmpty();
    }

    @Test
    void givenWrongBytes_complete_failsDeletesTheObjectAndRecordsNothing() {
        PreparedItem.Upload slot = uploadSlot(
                prepare(wang.owner(), wang, wang.album(), jpeg("0", BYTES)).get(0));
        byte[] forged = BYTES.clone();
        forged[0] ^= 1;
        clientPosts(slot, forged);

        assertThatThrownBy(() -> core.complete.complete(wang.owner(), slot.uploadId()))
                .satisfies(e ->
                        assertThat(((DomainException) e).code().wireName()).isEqualTo("upload_verification_failed"));
        ObjectKey key = new ObjectKey(slot.form().fields().get("key"));
        assertThat(core.storage.bytesAt(key)).isEmpty();
        assertThat(core.metadata.storedObjects()).isEmpty();
        assertThat(core.metadata.mediaFiles()).isEmpty();
    }

    @Test
    void givenWrongBytesOnAKeyARecordVouchesFor_complete_failsButKeepsTheBytes() {
        PreparedItem.Upload first = uploadSlot(
                prepare(wang.owner(), wang, wang.album(), jpeg("0", BYTES)).get(0));
        PreparedItem.Upload second = uploadSlot(prepare(wang.owner(), wang, core.addAlbum(wang, "b"), jpeg("0", BYTES))
                .get(0));
        clientPosts(first, BYTES);
        core.complete.complete(wang.owner(), first.uploadId());
        ObjectKey key = new ObjectKey(second.form().fields().get("key"));
        core.storage.put(key, "other bytes, same length".getBytes(StandardCharsets.UTF_8), "image/jpeg");

        assertThatThrownBy(() -> core.complete.complete(wang.owner(), second.uploadId()))
                .satisfies(e ->
                        assertThat(((DomainException) e).code().wireName()).isEqualTo("upload_verification_failed"));
        assertThat(core.storage.bytesAt(key)).isPresent();
        assertThat(core.storage.deletedKeys()).isEmpty();
        assertThat(core.metadata.mediaFiles()).hasSize(1);
    }

    @Test
    void someoneElsesUpload_isNotFound() {
        PreparedItem.Upload slot = uploadSlot(
                prepare(wang.owner(), wang, wang.album(), jpeg("0", BYTES)).get(0));
        clientPosts(slot, BYTES);
        UserId member = core.addMember(wang, "bob");

        assertThatThrownBy(() -> core.complete.complete(member, slot.uploadId()))
                .isInstanceOf(NotFoundException.class)
                .satisfies(
                        e -> assertThat(((DomainException) e).code().wireName()).isEqualTo("upload_not_found"));
        assertThat(core.metadata.mediaFiles()).isEmpty();
    }

    @Test
    void nonMember_andForeignAlbum_areNotFound() {
        FamilyFixture li = core.family("li");

        assertThatThrownBy(() -> prepare(li.owner(), wang, wang.album(), jpeg("0", BYTES)))
                .satisfies(
                        e -> assertThat(((DomainException) e).code().wireName()).isEqualTo("family_not_found"));
        assertThatThrownBy(() -> prepare(wang.owner(), wang, li.album(), jpeg("0", BYTES)))
                .satisfies(
                        e -> assertThat(((DomainException) e).code().wireName()).isEqualTo("album_not_found"));
        assertThatThrownBy(() -> core.prepare.prepare(new PrepareUploadsCommand(
                        wang.owner(), wang.family().id(), new AlbumId("a_missing"), List.of(jpeg("0", BYTES)))))
                .satisfies(
                        e -> assertThat(((DomainException) e).code().wireName()).isEqualTo("album_not_found"));
        assertThat(core.metadata.slots()).isEmpty();
    }

    @Test
    void fileCount_isBetween1And500_andClientRefsUnique() {
        List<DeclaredFile> tooMany = new ArrayList<>();
        IntStream.range(0, 501).forEach(i -> tooMany.add(jpeg(String.valueOf(i), BYTES)));
        assertThatThrownBy(() -> new PrepareUploadsCommand(
                        wang.owner(), wang.family().id(), wang.album().id(), tooMany))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(
                        e -> assertThat(((DomainException) e).code().wireName()).isEqualTo("too_many_files"));
        assertThatThrownBy(() -> new PrepareUploadsCommand(
                        wang.owner(), wang.family().id(), wang.album().id(), List.of()))
                .satisfies(
                        e -> assertThat(((DomainException) e).code().wireName()).isEqualTo("invalid_request"));
        assertThatThrownBy(() -> new PrepareUploadsCommand(
                        wang.owner(),
                        wang.family().id(),
                        wang.album().id(),
                        List.of(jpeg("0", BYTES), jpeg("0", BYTES))))
                .satisfies(
                        e -> assertThat(((DomainException) e).code().wireName()).isEqualTo("invalid_request"));
    }

    @Test
    void hashLookup_isOneQueryPerRequest() {
        List<DeclaredFile> files = new ArrayList<>();
        IntStream.range(0, 500).forEach(i -> files.add(jpeg(String.valueOf(i), ("file " + i).getBytes())));

        prepare(wang.owner(), wang, wang.album(), files.toArray(DeclaredFile[]::new));

        assertThat(core.metadata.hashQueries()).isEqualTo(1);
        assertThat(core.metadata.slots()).hasSize(500);
    }
}
