package dev.directupload.application.service.upload;

import dev.directupload.application.port.out.family.LoadMembershipPort;
import dev.directupload.application.port.out.media.ObjectKeyGuardPort;
import dev.directupload.application.port.out.storage.ListObjectsPort;
import dev.directupload.application.port.out.storage.ListedObject;
import dev.directupload.application.port.out.storage.ListingCursor;
import dev.directupload.application.port.out.storage.ObjectPage;
import dev.directupload.application.port.out.upload.LoadUploadSlotPort;
import dev.directupload.application.service.media.ExpectedObject;
import dev.directupload.application.service.media.ObjectJanitor;
import dev.directupload.application.service.media.RecordingOutcome;
import dev.directupload.application.service.media.UploadRecorder;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.upload.UploadSlot;
import dev.directupload.domain.upload.UploadSlotStatus;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Nothing unrecorded lives forever: walks the bucket's family keys a bounded number of pages per run (resuming
 * where the previous run stopped) and, for each object older than {@code upload.incoming-ttl} that no record and
 * no pending upload vouches for, either records it — the late bytes of a slow upload whose slot expired — or
 * deletes it.
 */
public final class OrphanObjectSweep {

    private static final System.Logger LOG = System.getLogger(OrphanObjectSweep.class.getName());
    private static final int PAGE = 500;

    private final ListObjectsPort lister;
    private final ObjectKeyGuardPort guard;
    private final LoadUploadSlotPort slots;
    private final LoadMembershipPort memberships;
    private final UploadRecorder recorder;
    private final ObjectJanitor janitor;
    private final AtomicReference<Optional<ListingCursor>> resumeAt = new AtomicReference<>(Optional.empty());

    public OrphanObjectSweep(
            ListObjectsPort lister,
            ObjectKeyGuardPort guard,
            LoadUploadSlotPort slots,
            LoadMembershipPort memberships,
            UploadRecorder recorder,
            ObjectJanitor janitor) {
        this.lister = lister;
        this.guard = guard;
        this.slots = slots;
        this.memberships = memberships;
        this.recorder = recorder;
        this.janitor = janitor;
    }

    /** Recorded and removed counts, after at most {@code budget} of work. */
    int[] sweep(Instant olderThan, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        int recorded = 0;
        int removed = 0;
        do {
            ObjectPage page = lister.listOlderThan(KeyPrefix.allFamilies(), olderThan, PAGE, resumeAt.get());
            for (ListedObject object : page.objects()) {
                try {
                    if (guard.isReferenced(object.key(), Optional.empty())) {
                        continue;
                    }
                    if (recordLateBytes(object)) {
                        recorded++;
                    } else if (janitor.deleteUnlessReferenced(object.key(), Optional.empty())) {
                        removed++;
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "cleaning " + object.key() + " failed; retried on a later sweep: " + e);
                }
            }
            resumeAt.set(page.next());
        } while (resumeAt.get().isPresent() && System.nanoTime() < deadline);
        return new int[] {recorded, removed};
    }

    /** True when the object is the bytes of an expired slot of a member, now verified and recorded. */
    private boolean recordLateBytes(ListedObject object) {
        for (UploadSlot slot : slots.findByKey(object.key())) {
            if (slot.status() == UploadSlotStatus.EXPIRED
                    && memberships
                            .findMembership(slot.familyId(), slot.creatorId())
                            .isPresent()
                    && recorder.record(ExpectedObject.ofSlot(slot)) instanceof RecordingOutcome.Recorded) {
                return true;
            }
        }
        return false;
    }
}
