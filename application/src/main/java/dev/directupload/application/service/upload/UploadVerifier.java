package dev.directupload.application.service.upload;

import dev.directupload.application.port.out.TransactionPort;
import dev.directupload.application.port.out.media.SaveMediaFilePort;
import dev.directupload.application.port.out.media.SaveStoredObjectPort;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.ObjectMetadata;
import dev.directupload.application.port.out.upload.SaveUploadSlotPort;
import dev.directupload.application.service.media.ObjectJanitor;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.shared.ConflictException;
import dev.directupload.domain.storage.StoredObject;
import dev.directupload.domain.upload.UploadSlot;
import java.time.Clock;

/**
 * Completes a slot against storage: the object must exist with the declared size and MD5 before anything
 * is recorded. Shared by the complete call and the sweeper, so both apply the same checks.
 */
public final class UploadVerifier {

    private final InspectObjectPort inspector;
    private final ObjectJanitor janitor;
    private final SaveStoredObjectPort storedObjectWriter;
    private final SaveMediaFilePort mediaFileWriter;
    private final SaveUploadSlotPort slots;
    private final TransactionPort transactions;
    private final Clock clock;

    public UploadVerifier(
            InspectObjectPort inspector,
            ObjectJanitor janitor,
            SaveStoredObjectPort storedObjectWriter,
            SaveMediaFilePort mediaFileWriter,
            SaveUploadSlotPort slots,
            TransactionPort transactions,
            Clock clock) {
        this.inspector = inspector;
        this.janitor = janitor;
        this.storedObjectWriter = storedObjectWriter;
        this.mediaFileWriter = mediaFileWriter;
        this.slots = slots;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * @throws ConflictException {@code object_not_found} when nothing is stored yet, or
     *     {@code upload_verification_failed} when the stored bytes are not the declared ones
     */
    public MediaFile verifyAndRecord(UploadSlot slot) {
        ObjectMetadata stored = inspector
                .inspect(slot.key())
                .orElseThrow(() -> new ConflictException(
                        "object_not_found", "no object at " + slot.key() + " yet; upload it, then complete again"));
        if (!stored.matches(slot.size(), slot.hash())) {
            janitor.deleteUnlessReferenced(slot.key());
            throw new ConflictException(
                    "upload_verification_failed",
                    "stored object has " + stored.size().bytes()
                            + " bytes and md5 "
                            + stored.md5().map(Object::toString).orElse("unknown") + ", declared "
                            + slot.size().bytes() + " bytes and md5 " + slot.hash());
        }
        return transactions.inTransaction(() -> {
            var now = clock.instant();
            StoredObject object = storedObjectWriter.saveIfAbsent(
                    StoredObject.verified(slot.familyId(), slot.hash(), slot.size(), slot.key(), slot.format(), now));
            MediaFile photo = mediaFileWriter.saveIfAbsent(MediaFile.record(
                    slot.albumId(),
                    slot.creatorId(),
                    slot.fileName(),
                    object,
                    slot.capturedAt().orElse(null),
                    now));
            slots.saveSlot(slot.complete(photo.id()));
            return photo;
        });
    }
}
