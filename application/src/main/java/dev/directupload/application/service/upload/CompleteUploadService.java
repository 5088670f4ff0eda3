package dev.directupload.application.service.upload;

import dev.directupload.application.port.in.photo.Photo;
import dev.directupload.application.port.in.upload.CompleteUploadUseCase;
import dev.directupload.application.port.out.media.LoadMediaFilePort;
import dev.directupload.application.port.out.upload.LoadUploadSlotPort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.application.service.media.ExpectedObject;
import dev.directupload.application.service.media.PhotoUrls;
import dev.directupload.application.service.media.RecordingOutcome;
import dev.directupload.application.service.media.UploadRecorder;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.shared.ConflictException;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.NotFoundException;
import dev.directupload.domain.upload.UploadId;
import dev.directupload.domain.upload.UploadSlot;
import dev.directupload.domain.upload.UploadSlotStatus;

/** Completes the caller's own upload slot: verified against storage, then recorded once. */
public final class CompleteUploadService implements CompleteUploadUseCase {

    private final LoadUploadSlotPort slots;
    private final LoadMediaFilePort mediaFiles;
    private final FamilyAccess access;
    private final UploadRecorder recorder;
    private final PhotoUrls photoUrls;

    public CompleteUploadService(
            LoadUploadSlotPort slots,
            LoadMediaFilePort mediaFiles,
            FamilyAccess access,
            UploadRecorder recorder,
            PhotoUrls photoUrls) {
        this.slots = slots;
        this.mediaFiles = mediaFiles;
        this.access = access;
        this.recorder = recorder;
        this.photoUrls = photoUrls;
    }

    @Override
    public Photo complete(UserId caller, UploadId uploadId) {
        UploadSlot slot = slots.findSlot(uploadId)
                .filter(s -> s.isCreatedBy(caller))
                .orElseThrow(() ->
                        new NotFoundException(ErrorCode.UPLOAD_NOT_FOUND, "upload " + uploadId + " does not exist"));
        access.requireAlbumIn(slot.albumId(), slot.familyId(), caller);
        if (slot.status() == UploadSlotStatus.COMPLETED) {
            MediaFile recorded = slot.mediaFileId()
                    .flatMap(mediaFiles::findMediaFile)
                    .orElseThrow(() -> new ConflictException(
                            ErrorCode.PHOTO_DELETED, "the photo of upload " + uploadId + " was deleted"));
            return photoUrls.withUrl(recorded);
        }
        // an expired slot is still recorded when the bytes of a slow upload arrived after all
        RecordingOutcome outcome = recorder.record(ExpectedObject.ofSlot(slot));
        if (outcome instanceof RecordingOutcome.Recorded recorded) {
            return photoUrls.withUrl(recorded.photo());
        }
        if (outcome instanceof RecordingOutcome.Missing && slot.status() == UploadSlotStatus.EXPIRED) {
            throw new ConflictException(ErrorCode.UPLOAD_EXPIRED, "upload " + uploadId + " expired; prepare it again");
        }
        if (outcome instanceof RecordingOutcome.Missing missing) {
            throw new ConflictException(ErrorCode.OBJECT_NOT_FOUND, missing.message());
        }
        RecordingOutcome.Refused refused = (RecordingOutcome.Refused) outcome;
        throw new ConflictException(refused.code(), refused.message());
    }
}
