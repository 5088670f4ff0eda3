package dev.directupload.application.service.media;

import dev.directupload.application.port.out.upload.LoadUploadSlotPort;
import dev.directupload.application.port.out.upload.SaveUploadSlotPort;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.upload.UploadSlot;
import dev.directupload.domain.upload.UploadSlotStatus;

/**
 * An album holds one photo of given bytes: once it has one, every PENDING upload of those bytes into that album is
 * fulfilled by it (a client that prepared the file again after a lost answer or an expired form, two members
 * uploading the same file). Those slots are completed with the photo at once, so that the sweeper never records one
 * of them later — after the photo was deleted that would bring it back, under a new id — and an object of their own
 * (a staging key) is queued for deletion. {@code complete} of such a slot answers the photo, or {@code photo_deleted}.
 */
public final class FulfilledUploads {

    private final LoadUploadSlotPort slots;
    private final SaveUploadSlotPort slotWriter;
    private final ObjectJanitor janitor;

    public FulfilledUploads(LoadUploadSlotPort slots, SaveUploadSlotPort slotWriter, ObjectJanitor janitor) {
        this.slots = slots;
        this.slotWriter = slotWriter;
        this.janitor = janitor;
    }

    /** Completes with {@code photo} the PENDING slots of its album and content; call with the photo recorded. */
    public void completeWith(MediaFile photo) {
        for (UploadSlot slot : slots.findPendingFor(photo.albumId(), photo.content())) {
            if (slotWriter.transition(slot.complete(photo.id()), UploadSlotStatus.PENDING)
                    && !slot.key().equals(photo.key())) {
                janitor.enqueue(slot.key());
            }
        }
    }
}
