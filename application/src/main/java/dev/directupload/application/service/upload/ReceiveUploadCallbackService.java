package dev.directupload.application.service.upload;

import dev.directupload.application.port.in.photo.Photo;
import dev.directupload.application.port.in.upload.ReceiveUploadCallbackUseCase;
import dev.directupload.application.port.in.upload.UploadCallback;
import dev.directupload.application.port.out.callback.CallbackOutcome;
import dev.directupload.application.port.out.callback.CallbackSignature;
import dev.directupload.application.port.out.callback.ReportCallbackOutcomePort;
import dev.directupload.application.port.out.callback.VerifyCallbackSignaturePort;
import dev.directupload.application.port.out.media.LoadMediaFilePort;
import dev.directupload.application.port.out.upload.LoadUploadSlotPort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.application.service.media.PhotoUrls;
import dev.directupload.application.service.media.UploadRecorder;
import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.domain.shared.DomainException;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.ForbiddenException;
import dev.directupload.domain.shared.InvalidValueException;
import dev.directupload.domain.shared.NotFoundException;
import dev.directupload.domain.upload.UploadId;
import dev.directupload.domain.upload.UploadSlot;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Handles an upload callback: its signature first (nothing in it counts before), then the upload it names, whose
 * object must be the one stored; then the slot is finished exactly as {@code complete} finishes it, for the slot's
 * creator. Every callback's outcome is reported once.
 */
public final class ReceiveUploadCallbackService implements ReceiveUploadCallbackUseCase {

    private static final System.Logger LOG = System.getLogger(ReceiveUploadCallbackService.class.getName());

    private final VerifyCallbackSignaturePort signatures;
    private final LoadUploadSlotPort slots;
    private final FamilyAccess access;
    private final SlotCompletion completion;
    private final ReportCallbackOutcomePort outcomes;

    public ReceiveUploadCallbackService(
            VerifyCallbackSignaturePort signatures,
            LoadUploadSlotPort slots,
            LoadMediaFilePort mediaFiles,
            FamilyAccess access,
            UploadRecorder recorder,
            PhotoUrls photoUrls,
            ReportCallbackOutcomePort outcomes) {
        this.signatures = signatures;
        this.slots = slots;
        this.access = access;
        this.completion = new SlotCompletion(slots, mediaFiles, recorder, photoUrls);
        this.outcomes = outcomes;
    }

    @Override
    public Photo receive(UploadCallback callback) {
        requireSigned(callback);
        UploadId id = callback.uploadId()
                .flatMap(ReceiveUploadCallbackService::uploadId)
                .orElseThrow(() -> refused(
                        CallbackOutcome.REFUSED_INVALID,
                        new InvalidValueException(
                                ErrorCode.INVALID_CALLBACK, "the callback body carries no valid upload_id")));
        UploadSlot slot = slots.findSlot(id)
                .orElseThrow(() -> refused(
                        CallbackOutcome.REFUSED_UNKNOWN_UPLOAD,
                        new NotFoundException(ErrorCode.UPLOAD_NOT_FOUND, "upload " + id + " does not exist")));
        if (!callback.object().filter(slot.key().value()::equals).isPresent()) {
            throw refused(
                    CallbackOutcome.REFUSED_INVALID,
                    new InvalidValueException(
                            ErrorCode.INVALID_CALLBACK,
                            "the callback's object is not the key upload " + id + " was signed for"));
        }
        try {
            access.requireAlbumIn(slot.albumId(), slot.familyId(), slot.creatorId());
            SlotCompletion.Finished finished = completion.finish(slot);
            report(finished.recordedNow() ? CallbackOutcome.RECORDED : CallbackOutcome.ALREADY_RECORDED);
            return finished.photo();
        } catch (RuntimeException e) {
            report(CallbackOutcome.NOT_RECORDED);
            throw e;
        }
    }

    private void requireSigned(UploadCallback callback) {
        CallbackSignature signature;
        try {
            signature = callback.signed().isSigned() ? signatures.verify(callback.signed()) : CallbackSignature.MISSING;
        } catch (DependencyUnavailableException e) {
            report(CallbackOutcome.KEY_UNAVAILABLE);
            throw e;
        }
        if (signature != CallbackSignature.VALID) {
            throw refused(
                    CallbackOutcome.REFUSED_SIGNATURE,
                    new ForbiddenException(
                            ErrorCode.CALLBACK_SIGNATURE_INVALID,
                            switch (signature) {
                                case MISSING -> "the callback carries no authorization or x-oss-pub-key-url header";
                                case UNTRUSTED_KEY -> "the callback names a public key this service does not trust";
                                default -> "the callback's signature does not match its path, query and body";
                            }));
        }
    }

    private static Optional<UploadId> uploadId(String value) {
        try {
            return Optional.of(new UploadId(value));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    private DomainException refused(CallbackOutcome outcome, DomainException refusal) {
        report(outcome);
        return refusal;
    }

    private void report(CallbackOutcome outcome) {
        try {
            outcomes.report(outcome);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "reporting callback outcome " + outcome + " failed: " + e);
        }
    }
}
