package dev.directupload.application.service.upload;

import dev.directupload.application.port.out.TransactionPort;
import dev.directupload.application.port.out.family.FamilyUsagePort;
import dev.directupload.application.port.out.upload.LoadUploadSlotPort;
import dev.directupload.application.port.out.upload.SaveUploadSlotPort;
import dev.directupload.application.service.media.UploadSettings;
import dev.directupload.application.shared.LimitReachedException;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.upload.UploadSlot;
import java.util.ArrayList;
import java.util.List;

/**
 * Reserves upload slots within the caller's and the family's limits: at most {@code upload.max-pending-per-user}
 * unfinished slots per user, and the family quota counting verified objects plus pending slots. The family's
 * quota is spent under its lock, so two concurrent prepares cannot both spend the same remaining space.
 */
public final class UploadReservations {

    private final FamilyUsagePort usage;
    private final LoadUploadSlotPort slots;
    private final SaveUploadSlotPort slotWriter;
    private final TransactionPort transactions;
    private final UploadSettings settings;

    public UploadReservations(
            FamilyUsagePort usage,
            LoadUploadSlotPort slots,
            SaveUploadSlotPort slotWriter,
            TransactionPort transactions,
            UploadSettings settings) {
        this.usage = usage;
        this.slots = slots;
        this.slotWriter = slotWriter;
        this.transactions = transactions;
        this.settings = settings;
    }

    /** @throws LimitReachedException {@code too_many_pending_uploads} when {@code wanted} more would be too many */
    void requirePendingRoom(UserId caller, int wanted) {
        int pending = slots.countPending(caller);
        if (wanted > 0 && pending + wanted > settings.maxPendingPerUser()) {
            throw new LimitReachedException(
                    ErrorCode.TOO_MANY_PENDING_UPLOADS,
                    "you have " + pending + " unfinished uploads; at most " + settings.maxPendingPerUser()
                            + " may be pending (complete or let them expire first)");
        }
    }

    /**
     * Saves the candidates that fit the family's quota, in order; returns them (the others are over quota).
     */
    List<UploadSlot> reserve(FamilyId family, List<UploadSlot> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        return transactions.inTransaction(() -> {
            FamilyUsagePort.Usage used = usage.lockAndMeasure(family);
            long bytes = used.bytes();
            long files = used.files();
            List<UploadSlot> reserved = new ArrayList<>(candidates.size());
            for (UploadSlot candidate : candidates) {
                if (settings.quota().admits(bytes, files, candidate.content().size())) {
                    bytes += candidate.content().size().bytes();
                    files++;
                    reserved.add(candidate);
                }
            }
            slotWriter.insertSlots(reserved);
            return reserved;
        });
    }

    /** Gives reserved slots up (their forms could not be signed): they expire at once. */
    void release(List<UploadSlot> reserved) {
        for (UploadSlot slot : reserved) {
            slotWriter.transition(slot.abandon(), slot.status());
        }
    }
}
