package dev.directupload.application.service.upload;

import dev.directupload.application.port.in.upload.SweepUploadsUseCase;
import dev.directupload.application.port.out.upload.LoadUploadSlotPort;
import dev.directupload.application.port.out.upload.SaveUploadSlotPort;
import dev.directupload.domain.shared.ConflictException;
import dev.directupload.domain.upload.UploadSlot;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Ends upload slots a grace period after their form expired: a slot whose object arrived is completed
 * with the same checks as {@code complete} (nothing a user uploaded is lost); one without is expired.
 * Then retries queued object deletions.
 */
public final class SweepUploadsService implements SweepUploadsUseCase {

    /** By default, how long after a form expired an upload that started in time may still be arriving. */
    public static final Duration GRACE = Duration.ofMinutes(30);

    private static final System.Logger LOG = System.getLogger(SweepUploadsService.class.getName());
    private static final int BATCH = 200;

    private final LoadUploadSlotPort slots;
    private final SaveUploadSlotPort slotWriter;
    private final UploadVerifier verifier;
    private final ObjectJanitor janitor;
    private final Clock clock;
    private final Duration grace;

    public SweepUploadsService(
            LoadUploadSlotPort slots,
            SaveUploadSlotPort slotWriter,
            UploadVerifier verifier,
            ObjectJanitor janitor,
            Clock clock) {
        this(slots, slotWriter, verifier, janitor, clock, GRACE);
    }

    /** @param grace how long after its form expired a slot is left alone (not negative) */
    public SweepUploadsService(
            LoadUploadSlotPort slots,
            SaveUploadSlotPort slotWriter,
            UploadVerifier verifier,
            ObjectJanitor janitor,
            Clock clock,
            Duration grace) {
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("upload.sweep-grace must not be negative, was " + grace);
        }
        this.grace = grace;
        this.slots = slots;
        this.slotWriter = slotWriter;
        this.verifier = verifier;
        this.janitor = janitor;
        this.clock = clock;
    }

    @Override
    public SweepReport sweep() {
        Instant now = clock.instant();
        int completed = 0;
        int expired = 0;
        for (UploadSlot slot : slots.findPendingExpired(now.minus(grace), BATCH)) {
            try {
                verifier.verifyAndRecord(slot);
                completed++;
            } catch (ConflictException noUsableObject) {
                slotWriter.saveSlot(slot.expire(now));
                expired++;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "sweeping upload " + slot.id() + " failed; retried next sweep: " + e);
            }
        }
        return new SweepReport(completed, expired, janitor.drain());
    }
}
