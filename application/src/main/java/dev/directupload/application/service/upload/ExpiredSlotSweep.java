package dev.directupload.application.service.upload;

import dev.directupload.application.port.out.family.LoadMembershipPort;
import dev.directupload.application.port.out.upload.LoadUploadSlotPort;
import dev.directupload.application.port.out.upload.SaveUploadSlotPort;
import dev.directupload.application.port.out.upload.SlotCursor;
import dev.directupload.application.service.media.ExpectedObject;
import dev.directupload.application.service.media.ObjectJanitor;
import dev.directupload.application.service.media.RecordingOutcome;
import dev.directupload.application.service.media.UploadRecorder;
import dev.directupload.domain.upload.UploadSlot;
import dev.directupload.domain.upload.UploadSlotStatus;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Ends PENDING slots a grace period after their form expired, the whole backlog in bounded batches: a slot whose
 * bytes arrived is recorded on the same path as {@code complete}; one without expires (a former member's bytes, if
 * any, are queued for deletion; a member's late bytes are left for {@code complete} or the orphan sweep).
 */
public final class ExpiredSlotSweep {

    /** By default, how long after a form expired an upload that started in time may still be arriving. */
    public static final Duration GRACE = Duration.ofMinutes(30);

    private static final System.Logger LOG = System.getLogger(ExpiredSlotSweep.class.getName());
    private static final int BATCH = 200;

    private final LoadUploadSlotPort slots;
    private final SaveUploadSlotPort slotWriter;
    private final LoadMembershipPort memberships;
    private final UploadRecorder recorder;
    private final ObjectJanitor janitor;
    private final Duration grace;
    private final Clock clock;

    public ExpiredSlotSweep(
            LoadUploadSlotPort slots,
            SaveUploadSlotPort slotWriter,
            LoadMembershipPort memberships,
            UploadRecorder recorder,
            ObjectJanitor janitor,
            Duration grace,
            Clock clock) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("upload.sweep-grace must not be negative, was " + grace);
        }
        this.slots = slots;
        this.slotWriter = slotWriter;
        this.memberships = memberships;
        this.recorder = recorder;
        this.janitor = janitor;
        this.grace = grace;
        this.clock = clock;
    }

    /** Completed and expired counts, after at most {@code budget} of work. */
    int[] sweep(Duration budget) {
        Instant now = clock.instant();
        long deadline = System.nanoTime() + budget.toNanos();
        int completed = 0;
        int expired = 0;
        Optional<SlotCursor> after = Optional.empty();
        while (System.nanoTime() < deadline) {
            List<UploadSlot> batch = slots.findPendingExpired(now.minus(grace), after, BATCH);
            for (UploadSlot slot : batch) {
                try {
                    if (end(slot, now)) {
                        completed++;
                    } else {
                        expired++;
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "sweeping upload " + slot.id() + " failed; retried next sweep: " + e);
                }
            }
            if (batch.size() < BATCH) {
                break;
            }
            UploadSlot last = batch.get(batch.size() - 1);
            after = Optional.of(new SlotCursor(last.expiresAt(), last.id()));
        }
        return new int[] {completed, expired};
    }

    /**
     * True when the slot's bytes were recorded, false when it expired. A member's slot whose bytes are not there yet
     * expires without queueing its key: the last bytes of a slow upload may still arrive, and {@code complete} records
     * them (or, after {@code upload.incoming-ttl}, the orphan sweep records or removes them); wrong bytes were removed
     * by the recorder already. Only a former member's key is queued for deletion.
     */
    private boolean end(UploadSlot slot, Instant now) {
        boolean member =
                memberships.findMembership(slot.familyId(), slot.creatorId()).isPresent();
        if (member && recorder.record(ExpectedObject.ofSlot(slot)) instanceof RecordingOutcome.Recorded) {
            return true;
        }
        if (slotWriter.transition(slot.expire(now), UploadSlotStatus.PENDING) && !member) {
            janitor.enqueue(slot.key());
        }
        return false;
    }
}
