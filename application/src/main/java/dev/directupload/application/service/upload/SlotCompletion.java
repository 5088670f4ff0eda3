package dev.directupload.application.service.upload;

import dev.directupload.application.port.in.photo.Photo;
import dev.directupload.application.port.out.media.LoadMediaFilePort;
import dev.directupload.application.port.out.upload.LoadUploadSlotPort;
import dev.directupload.application.service.media.ExpectedObject;
import dev.directupload.application.service.media.PhotoUrls;
import dev.directupload.application.service.media.RecordingOutcome;
import dev.directupload.application.service.media.UploadRecorder;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.shared.ConflictException;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.upload.UploadSlot;
import dev.directupload.domain.upload.UploadSlotStatus;

/**
 * Finishes one upload slot whoever asks ({@code complete}, the upload callback): the photo it was completed with, or
 * its bytes checked against storage and recorded by the {@link UploadRecorder}, the sweeper's path too. Idempotent:
 * finishing a completed slot returns its photo and records nothing.
 */
final class SlotCompletion {

    /** The slot's photo, and whether this call recorded it. */
    record Finished(Photo photo, boolean recordedNow) {}

    private final LoadUploadSlotPort slots;
    private final LoadMediaFilePort mediaFiles;
    private final UploadRecorder recorder;
    private final PhotoUrls photoUrls;

    SlotCompletion(
            LoadUploadSlotPort slots, LoadMediaFilePort mediaFiles, UploadRecorder recorder, PhotoUrls photoUrls) {
        this.slots = slots;
        this.mediaFiles = mediaFiles;
        this.recorder = recorder;
        this.photoUrls = photoUrls;
    }

    /**
     * @throws ConflictException {@code object_not_found}, {@code upload_expired}, {@code photo_deleted}, or the code
     *     the stored bytes were refused with
     */
    Finished finish(UploadSlot slot) {
        if (slot.status() == UploadSlotStatus.COMPLETED) {
            return new Finished(recordedPhoto(slot), false);
        }
        // an expired slot is still recorded when the bytes of a slow upload arrived after all
        RecordingOutcome outcome = recorder.record(ExpectedObject.ofSlot(slot));
        if (outcome instanceof RecordingOutcome.Recorded recorded) {
            return new Finished(photoUrls.withUrl(recorded.photo()), recorded.created());
        }
        // another finisher (the sweeper, the callback, a second complete) may have recorded these bytes meanwhile
        // and removed the upload key: its photo is this slot's answer too
        var finishedMeanwhile = slots.findSlot(slot.id()).filter(s -> s.status() == UploadSlotStatus.COMPLETED);
        if (finishedMeanwhile.isPresent()) {
            return new Finished(recordedPhoto(finishedMeanwhile.get()), false);
        }
        if (outcome instanceof RecordingOutcome.Missing && slot.status() == UploadSlotStatus.EXPIRED) {
            throw new ConflictException(ErrorCode.UPLOAD_EXPIRED, "upload " + slot.id() + " expired; prepare it again");
        }
        if (outcome instanceof RecordingOutcome.Missing missing) {
            throw new ConflictException(ErrorCode.OBJECT_NOT_FOUND, missing.message());
        }
        RecordingOutcome.Refused refused = (RecordingOutcome.Refused) outcome;
        throw new ConflictException(refused.code(), refused.message());
    }

    private Photo recordedPhoto(UploadSlot slot) {
        MediaFile recorded = slot.mediaFileId()
                .flatMap(mediaFiles::findMediaFile)
                .orElseThrow(() -> new ConflictException(
                        ErrorCode.PHOTO_DELETED, "the photo of upload " + slot.id() + " was deleted"));
        return photoUrls.withUrl(recorded);
    }
}
