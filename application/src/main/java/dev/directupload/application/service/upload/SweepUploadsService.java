package dev.directupload.application.service.upload;

import dev.directupload.application.port.in.upload.SweepUploadsUseCase;
import dev.directupload.application.port.out.upload.SaveUploadSlotPort;
import dev.directupload.application.service.media.ObjectJanitor;
import dev.directupload.application.service.media.UploadSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One sweep: expired slots (the whole backlog, in bounded batches), objects nothing records, old finished slots,
 * queued deletions — each part within its share of a time budget, so no backlog can starve the others.
 */
public final class SweepUploadsService implements SweepUploadsUseCase {

    /** How long one part of a sweep may run before it yields to the next (resuming on the next sweep). */
    static final Duration PART_BUDGET = Duration.ofSeconds(20);

    private static final int PURGE_BATCH = 1000;

    private final ExpiredSlotSweep expiredSlots;
    private final OrphanObjectSweep orphans;
    private final SaveUploadSlotPort slotWriter;
    private final ObjectJanitor janitor;
    private final UploadSettings settings;
    private final Clock clock;

    public SweepUploadsService(
            ExpiredSlotSweep expiredSlots,
            OrphanObjectSweep orphans,
            SaveUploadSlotPort slotWriter,
            ObjectJanitor janitor,
            UploadSettings settings,
            Clock clock) {
        this.expiredSlots = expiredSlots;
        this.orphans = orphans;
        this.slotWriter = slotWriter;
        this.janitor = janitor;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public SweepReport sweep() {
        Instant now = clock.instant();
        int[] slots = expiredSlots.sweep(PART_BUDGET);
        int[] unrecorded = orphans.sweep(now.minus(settings.incomingTtl()), PART_BUDGET);
        int purged = purgeFinishedSlots(now.minus(settings.slotRetention()));
        int deleted = janitor.drain(PART_BUDGET);
        return new SweepReport(slots[0], slots[1], deleted, unrecorded[0], unrecorded[1], purged);
    }

    private int purgeFinishedSlots(Instant before) {
        long deadline = System.nanoTime() + PART_BUDGET.toNanos();
        int purged = 0;
        int batch;
        do {
            batch = slotWriter.purgeFinished(before, PURGE_BATCH);
            purged += batch;
        } while (batch == PURGE_BATCH && System.nanoTime() < deadline);
        return purged;
    }
}
