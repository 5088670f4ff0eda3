package dev.directupload.application.service.media;

import dev.directupload.application.port.out.TransactionPort;
import dev.directupload.application.port.out.media.SaveMediaFilePort;
import dev.directupload.application.port.out.media.SaveStoredObjectPort;
import dev.directupload.application.port.out.upload.SaveUploadSlotPort;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.storage.StoredObject;
import java.time.Clock;
import java.time.Instant;

/**
 * Records checked bytes in one transaction: the family's stored object (or the one it already has for this
 * content), the photo (or the album's existing photo of it), and the slot's completion.
 */
public final class PhotoWriter {

    private final SaveStoredObjectPort storedObjects;
    private final SaveMediaFilePort mediaFiles;
    private final SaveUploadSlotPort slots;
    private final TransactionPort transactions;
    private final Clock clock;

    public PhotoWriter(
            SaveStoredObjectPort storedObjects,
            SaveMediaFilePort mediaFiles,
            SaveUploadSlotPort slots,
            TransactionPort transactions,
            Clock clock) {
        this.storedObjects = storedObjects;
        this.mediaFiles = mediaFiles;
        this.slots = slots;
        this.transactions = transactions;
        this.clock = clock;
    }

    public RecordingOutcome.Recorded record(ExpectedObject expected, StoredBytesVerifier.Passed bytes) {
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            StoredObject kept = storedObjects.saveIfAbsent(StoredObject.verified(
                    expected.placement().familyId(), bytes.content(), expected.key(), bytes.format(), now));
            MediaFile candidate = MediaFile.record(
                    expected.placement(),
                    expected.fileName(),
                    kept,
                    expected.capturedAt().orElse(null),
                    now);
            MediaFile photo = mediaFiles.saveIfAbsent(candidate);
            expected.slot().ifPresent(slot -> slots.saveSlot(slot.complete(photo.id())));
            return new RecordingOutcome.Recorded(photo, photo.id().equals(candidate.id()));
        });
    }
}
