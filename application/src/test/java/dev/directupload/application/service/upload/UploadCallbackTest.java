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
import dev.directupload.application.port.in.upload.UploadCallback;
import dev.directupload.application.port.model.SignedCallback;
import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.callback.CallbackOutcome;
import dev.directupload.application.port.out.callback.CallbackSignature;
import dev.directupload.application.port.out.callback.VerifyCallbackSignaturePort;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.storage.UploadCallbackRequest;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.domain.shared.ConflictException;
import dev.directupload.domain.shared.DomainException;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.ForbiddenException;
import dev.directupload.domain.shared.InvalidValueException;
import dev.directupload.domain.shared.NotFoundException;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.upload.UploadSlotStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The upload callback on the in-memory core: the signature decides first, then the upload and its object; the slot is
 * finished on {@code complete}'s path, idempotently with {@code complete} and the sweeper; refusals record nothing.
 */
class UploadCallbackTest {

    private static final String GOOD = "signed-by-storage";
    private static final String TRUSTED_KEY = "trusted-key-url";
    private static final byte[] BYTES = "a photo's bytes".getBytes(StandardCharsets.UTF_8);
    private static final URI CALLBACK_URL = URI.create("https://api.example.com/oss/callback");

    private final UploadCoreHarness core = new UploadCoreHarness();
    private final FamilyFixture wang = core.family("wang");
    private final List<CallbackOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final AtomicInteger signatureChecks = new AtomicInteger();
    private VerifyCallbackSignaturePort signatures = callback -> {
        signatureChecks.incrementAndGet();
        if (!callback.publicKeyUrl().orElseThrow().equals(TRUSTED_KEY)) {
            return CallbackSignature.UNTRUSTED_KEY;
        }
        return callback.authorization().orElseThrow().equals(GOOD)
                ? CallbackSignature.VALID
                : CallbackSignature.INVALID;
    };

    private ReceiveUploadCallbackService service() {
        return new ReceiveUploadCallbackService(
                callback -> signatures.verify(callback),
                core.metadata.uploads,
                core.metadata.media,
                core.access,
                core.recorder,
                core.photoUrls,
                outcomes::add);
    }

    /** A signer like OSS's: it can call back, and records what it was asked to sign. */
    private final List<UploadFormRequest> signedWithCallback = new CopyOnWriteArrayList<>();

    private final SignUploadFormPort callingBackSigner = new SignUploadFormPort() {
        @Override
        public UploadForm sign(UploadFormRequest request) {
            signedWithCallback.add(request);
            return core.storage.sign(request);
        }

        @Override
        public boolean canForbidOverwrite() {
            return true;
        }

        @Override
        public boolean canCallBack() {
            return true;
        }
    };

    private PrepareUploadsService prepareWith(SignUploadFormPort signer) {
        return core.prepareWith(core.metadata.media, signer, Optional.of(CALLBACK_URL));
    }

    private PreparedItem.Upload prepared() {
        DeclaredFile file = new DeclaredFile(
                "0", "IMG_0.jpg", (long) BYTES.length, "image/jpeg", InMemoryObjectStorage.md5(BYTES), null);
        PreparedItem item = prepareWith(callingBackSigner)
                .prepare(new PrepareUploadsCommand(
                        wang.owner(), wang.family().id(), wang.album().id(), List.of(file)))
                .get(0);
        assertThat(item).isInstanceOf(PreparedItem.Upload.class);
        return (PreparedItem.Upload) item;
    }

    private void stored(PreparedItem.Upload slot) {
        String key = slot.form().fields().get("key");
        UploadFormRequest request = core.storage.signedRequests().stream()
                .filter(r -> r.key().value().equals(key))
                .reduce((a, b) -> b)
                .orElseThrow();
        core.storage.upload(request, new ObjectKey(key), BYTES, "image/jpeg");
    }

    private static UploadCallback callback(
            String authorization, String keyUrl, Optional<String> uploadId, Optional<String> object) {
        return new UploadCallback(
                new SignedCallback(
                        "/oss/callback",
                        Optional.empty(),
                        Optional.ofNullable(authorization),
                        Optional.ofNullable(keyUrl),
                        "{...}".getBytes(StandardCharsets.UTF_8)),
                uploadId,
                object);
    }

    private static UploadCallback signedFor(PreparedItem.Upload slot) {
        return callback(
                GOOD,
                TRUSTED_KEY,
                Optional.of(slot.uploadId().value()),
                Optional.of(slot.form().fields().get("key")));
    }

    private void assertNothingRecorded(PreparedItem.Upload slot) {
        assertThat(core.metadata.mediaFiles()).isEmpty();
        assertThat(core.metadata.storedObjects()).isEmpty();
        assertThat(core.metadata.slots())
                .singleElement()
                .satisfies(s -> assertThat(s.id()).isEqualTo(slot.uploadId()))
                .satisfies(s -> assertThat(s.status()).isEqualTo(UploadSlotStatus.PENDING));
    }

    @Test
    void givenACallbackUrlAndAStoreThatCanCallBack_prepare_asksForACallbackWithTheUploadId() {
        PreparedItem.Upload slot = prepared();

        assertThat(signedWithCallback)
                .singleElement()
                .satisfies(r ->
                        assertThat(r.callback()).contains(new UploadCallbackRequest(CALLBACK_URL, slot.uploadId())));
    }

    @Test
    void givenAStoreThatCannotCallBack_prepare_asksForNoCallback() {
        DeclaredFile file = new DeclaredFile(
                "0", "IMG_0.jpg", (long) BYTES.length, "image/jpeg", InMemoryObjectStorage.md5(BYTES), null);
        assertThat(core.storage.canCallBack()).isFalse();

        prepareWith(core.storage)
                .prepare(new PrepareUploadsCommand(
                        wang.owner(), wang.family().id(), wang.album().id(), List.of(file)));

        assertThat(core.storage.signedRequests())
                .singleElement()
                .satisfies(r -> assertThat(r.callback()).isEmpty());
    }

    @Test
    void givenStoredBytes_aSignedCallback_recordsThePhotoForTheCreator() {
        PreparedItem.Upload slot = prepared();
        stored(slot);

        Photo photo = service().receive(signedFor(slot));

        assertThat(photo.file().creatorId()).isEqualTo(wang.owner());
        assertThat(photo.file().albumId()).isEqualTo(wang.album().id());
        assertThat(core.metadata.mediaFiles())
                .singleElement()
                .satisfies(m -> assertThat(m.id()).isEqualTo(photo.file().id()));
        assertThat(core.metadata.slots())
                .singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(UploadSlotStatus.COMPLETED));
        assertThat(outcomes).containsExactly(CallbackOutcome.RECORDED);
    }

    @Test
    void callbackThenComplete_answerTheSamePhoto_recordedOnce() {
        PreparedItem.Upload slot = prepared();
        stored(slot);

        Photo byCallback = service().receive(signedFor(slot));
        Photo byComplete = core.complete.complete(wang.owner(), slot.uploadId());
        Photo replayed = service().receive(signedFor(slot));

        assertThat(byComplete.file().id()).isEqualTo(byCallback.file().id());
        assertThat(replayed.file().id()).isEqualTo(byCallback.file().id());
        assertThat(core.metadata.mediaFiles()).hasSize(1);
        assertThat(core.metadata.storedObjects()).hasSize(1);
        assertThat(outcomes).containsExactly(CallbackOutcome.RECORDED, CallbackOutcome.ALREADY_RECORDED);
    }

    @Test
    void completeThenCallback_answerTheSamePhoto_recordedOnce() {
        PreparedItem.Upload slot = prepared();
        stored(slot);

        Photo byComplete = core.complete.complete(wang.owner(), slot.uploadId());
        Photo byCallback = service().receive(signedFor(slot));

        assertThat(byCallback.file().id()).isEqualTo(byComplete.file().id());
        assertThat(core.metadata.mediaFiles()).hasSize(1);
        assertThat(outcomes).containsExactly(CallbackOutcome.ALREADY_RECORDED);
    }

    @Test
    void sweeperThenCallback_answerTheSweptPhoto() {
        PreparedItem.Upload slot = prepared();
        stored(slot);
        core.clock.advance(
                core.settings.rules().policyTtl().plus(ExpiredSlotSweep.GRACE).plusSeconds(1));
        assertThat(core.sweeper.sweep().completed()).isEqualTo(1);

        Photo byCallback = service().receive(signedFor(slot));

        assertThat(core.metadata.mediaFiles())
                .singleElement()
                .satisfies(m -> assertThat(m.id()).isEqualTo(byCallback.file().id()));
        assertThat(outcomes).containsExactly(CallbackOutcome.ALREADY_RECORDED);
    }

    @Test
    void anUnsignedCallback_isRefused_withoutCheckingAnything_andRecordsNothing() {
        PreparedItem.Upload slot = prepared();
        stored(slot);

        for (UploadCallback unsigned : List.of(
                callback(null, TRUSTED_KEY, Optional.of(slot.uploadId().value()), Optional.of("k")),
                callback(GOOD, null, Optional.of(slot.uploadId().value()), Optional.of("k")),
                callback("", "", Optional.of(slot.uploadId().value()), Optional.of("k")))) {
            assertThatThrownBy(() -> service().receive(unsigned))
                    .isInstanceOf(ForbiddenException.class)
                    .extracting(e -> ((DomainException) e).code())
                    .isEqualTo(ErrorCode.CALLBACK_SIGNATURE_INVALID);
        }
        assertThat(signatureChecks).hasValue(0);
        assertNothingRecorded(slot);
        assertThat(outcomes).containsOnly(CallbackOutcome.REFUSED_SIGNATURE).hasSize(3);
    }

    @Test
    void aTamperedOrForeignKeyCallback_isRefused_andRecordsNothing() {
        PreparedItem.Upload slot = prepared();
        stored(slot);
        String id = slot.uploadId().value();
        String key = slot.form().fields().get("key");

        for (UploadCallback refused : List.of(
                callback("tampered", TRUSTED_KEY, Optional.of(id), Optional.of(key)),
                callback(GOOD, "http://gosspublic.alicdn.com/key.pem", Optional.of(id), Optional.of(key)))) {
            assertThatThrownBy(() -> service().receive(refused))
                    .isInstanceOf(ForbiddenException.class)
                    .extracting(e -> ((DomainException) e).code())
                    .isEqualTo(ErrorCode.CALLBACK_SIGNATURE_INVALID);
        }
        assertNothingRecorded(slot);
        assertThat(outcomes).containsExactly(CallbackOutcome.REFUSED_SIGNATURE, CallbackOutcome.REFUSED_SIGNATURE);
    }

    @Test
    void aSignedCallbackForAnUnknownUpload_isUploadNotFound_andRecordsNothing() {
        PreparedItem.Upload slot = prepared();
        stored(slot);

        assertThatThrownBy(() -> service()
                        .receive(callback(
                                GOOD,
                                TRUSTED_KEY,
                                Optional.of("up_unknown"),
                                Optional.of(slot.form().fields().get("key")))))
                .isInstanceOf(NotFoundException.class)
                .extracting(e -> ((DomainException) e).code())
                .isEqualTo(ErrorCode.UPLOAD_NOT_FOUND);
        assertNothingRecorded(slot);
        assertThat(outcomes).containsExactly(CallbackOutcome.REFUSED_UNKNOWN_UPLOAD);
    }

    @Test
    void aSignedCallbackForAnotherObject_orWithoutAValidUploadId_isInvalid_andRecordsNothing() {
        PreparedItem.Upload slot = prepared();
        stored(slot);
        String id = slot.uploadId().value();
        String key = slot.form().fields().get("key");

        for (UploadCallback invalid : List.of(
                callback(GOOD, TRUSTED_KEY, Optional.of(id), Optional.of(key + ".other")),
                callback(GOOD, TRUSTED_KEY, Optional.of(id), Optional.empty()),
                callback(GOOD, TRUSTED_KEY, Optional.empty(), Optional.of(key)),
                callback(GOOD, TRUSTED_KEY, Optional.of("../up x"), Optional.of(key)))) {
            assertThatThrownBy(() -> service().receive(invalid))
                    .isInstanceOf(InvalidValueException.class)
                    .extracting(e -> ((DomainException) e).code())
                    .isEqualTo(ErrorCode.INVALID_CALLBACK);
        }
        assertNothingRecorded(slot);
        assertThat(outcomes).containsOnly(CallbackOutcome.REFUSED_INVALID).hasSize(4);
    }

    @Test
    void whenTheKeyCannotBeHad_nothingIsDecided() {
        PreparedItem.Upload slot = prepared();
        stored(slot);
        signatures = callback -> {
            throw new DependencyUnavailableException(ErrorCode.STORAGE_UNAVAILABLE, "key server down", null);
        };

        assertThatThrownBy(() -> service().receive(signedFor(slot))).isInstanceOf(DependencyUnavailableException.class);
        assertNothingRecorded(slot);
        assertThat(outcomes).containsExactly(CallbackOutcome.KEY_UNAVAILABLE);
    }

    @Test
    void aSignedCallbackBeforeTheBytes_isObjectNotFound_asComplete() {
        PreparedItem.Upload slot = prepared();

        assertThatThrownBy(() -> service().receive(signedFor(slot)))
                .isInstanceOf(ConflictException.class)
                .extracting(e -> ((DomainException) e).code())
                .isEqualTo(ErrorCode.OBJECT_NOT_FOUND);
        assertNothingRecorded(slot);
        assertThat(outcomes).containsExactly(CallbackOutcome.NOT_RECORDED);
    }

    @Test
    void aFailingOutcomeHook_neverChangesTheAnswer() {
        PreparedItem.Upload slot = prepared();
        stored(slot);
        ReceiveUploadCallbackService withBrokenHook = new ReceiveUploadCallbackService(
                callback -> signatures.verify(callback),
                core.metadata.uploads,
                core.metadata.media,
                core.access,
                core.recorder,
                core.photoUrls,
                outcome -> {
                    throw new IllegalStateException("metrics down");
                });

        assertThat(withBrokenHook.receive(signedFor(slot)).file().albumId())
                .isEqualTo(wang.album().id());
        assertThat(core.metadata.mediaFiles()).hasSize(1);
    }
}
