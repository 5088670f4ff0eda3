package dev.directupload.application.service.media;

import dev.directupload.application.port.out.media.SaveMediaFilePort;
import dev.directupload.application.port.out.media.SaveStoredObjectPort;
import dev.directupload.application.port.out.upload.SaveUploadSlotPort;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.storage.StoredObject;
import dev.directupload.domain.upload.UploadSlot;
import dev.directupload.domain.upload.UploadSlotStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes the records of checked bytes: the family's stored object at its content key (or the one it already has
 * for this content), the photo (or the album's existing photo of it), and the slot's completion, with the album's
 * other pending uploads of this content ({@link FulfilledUploads}). Runs inside the caller's transaction.
 */
public final class PhotoWriter {

    private static final int MAX_ATTEMPTS = 3;

    private final SaveStoredObjectPort storedObjects;
    private final SaveMediaFilePort mediaFiles;
    private final SaveUploadSlotPort slots;
    private final FulfilledUploads fulfilled;
    private final Clock clock;

    public PhotoWriter(
            SaveStoredObjectPort storedObjects,
            SaveMediaFilePort mediaFiles,
            SaveUploadSlotPort slots,
            FulfilledUploads fulfilled,
            Clock clock) {
        this.storedObjects = storedObjects;
        this.mediaFiles = mediaFiles;
        this.slots = slots;
        this.fulfilled = fulfilled;
        this.clock = clock;
    }

    RecordingOutcome.Recorded write(ExpectedObject expected, StoredBytesVerifier.Passed bytes, ObjectKey contentKey) {
        Instant now = clock.instant();
        MediaFile candidate;
        Optional<MediaFile> saved;
        int attempts = 0;
        do {
            // the family's record of these bytes may go with its last photo between finding it and saving ours:
            // then ours is recorded afresh at the content key, whose bytes the caller's key lock keeps
            StoredObject kept = storedObjects.saveIfAbsent(StoredObject.verified(
                    expected.placement().familyId(), bytes.content(), contentKey, bytes.format(), now));
            candidate = MediaFile.record(
                    expected.placement(),
                    expected.fileName(),
                    kept,
                    expected.capturedAt().orElse(null),
                    now);
            saved = mediaFiles.saveIfStored(candidate);
        } while (saved.isEmpty() && ++attempts < MAX_ATTEMPTS);
        MediaFile photo = saved.orElseThrow(() -> new IllegalStateException(
                "the stored object of " + contentKey + " vanished " + MAX_ATTEMPTS + " times while recording"));
        expected.slot().ifPresent(slot -> {
            UploadSlot completed = slot.complete(photo.id());
            // a sweeper may have expired the slot meanwhile: late bytes still complete it
            if (!slots.transition(completed, slot.status()) && slot.status() == UploadSlotStatus.PENDING) {
                slots.transition(completed, UploadSlotStatus.EXPIRED);
            }
        });
        fulfilled.completeWith(photo);
        return new RecordingOutcome.Recorded(photo, photo.id().equals(candidate.id()));
    }
}
