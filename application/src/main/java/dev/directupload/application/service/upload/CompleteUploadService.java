package dev.directupload.application.service.upload;

import dev.directupload.application.port.in.photo.Photo;
import dev.directupload.application.port.in.upload.CompleteUploadUseCase;
import dev.directupload.application.port.out.media.LoadMediaFilePort;
import dev.directupload.application.port.out.upload.LoadUploadSlotPort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.application.service.media.PhotoUrls;
import dev.directupload.application.service.media.UploadRecorder;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.NotFoundException;
import dev.directupload.domain.upload.UploadId;
import dev.directupload.domain.upload.UploadSlot;

/** Completes the caller's own upload slot: verified against storage, then recorded once. */
public final class CompleteUploadService implements CompleteUploadUseCase {

    private final LoadUploadSlotPort slots;
    private final FamilyAccess access;
    private final SlotCompletion completion;

    public CompleteUploadService(
            LoadUploadSlotPort slots,
            LoadMediaFilePort mediaFiles,
            FamilyAccess access,
            UploadRecorder recorder,
            PhotoUrls photoUrls) {
        this.slots = slots;
        this.access = access;
        this.completion = new SlotCompletion(slots, mediaFiles, recorder, photoUrls);
    }

    @Override
    public Photo complete(UserId caller, UploadId uploadId) {
        UploadSlot slot = slots.findSlot(uploadId)
                .filter(s -> s.isCreatedBy(caller))
                .orElseThrow(() ->
                        new NotFoundException(ErrorCode.UPLOAD_NOT_FOUND, "upload " + uploadId + " does not exist"));
        access.requireAlbumIn(slot.albumId(), slot.familyId(), caller);
        return completion.finish(slot).photo();
    }
}
