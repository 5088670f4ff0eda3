package dev.directupload.application.port.out.upload;

import dev.directupload.domain.upload.UploadSlot;
import dev.directupload.domain.upload.UploadSlotStatus;
import java.time.Instant;
import java.util.List;

/** Writes upload slots: new ones in one batch, state changes only from the state the caller saw. */
public interface SaveUploadSlotPort {

    /** Inserts new (PENDING) slots, in one round trip where the store allows. */
    void insertSlots(List<UploadSlot> slots);

    /**
     * Saves {@code changed}'s status (and photo) only if the stored slot is still {@code from}: a conditional update,
     * never a blind write, so a sweeper's EXPIRED cannot overwrite a concurrent COMPLETED.
     *
     * @return false when the slot was no longer {@code from} (nothing changed)
     */
    boolean transition(UploadSlot changed, UploadSlotStatus from);

    /** Deletes at most {@code limit} COMPLETED or EXPIRED slots that expired before {@code before}; how many went. */
    int purgeFinished(Instant before, int limit);
}
