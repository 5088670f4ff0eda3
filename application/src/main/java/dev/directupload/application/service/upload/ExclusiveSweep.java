package dev.directupload.application.service.upload;

import dev.directupload.application.port.in.upload.SweepUploadsUseCase;
import dev.directupload.application.port.out.upload.SweepLeasePort;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Runs the sweep only on the instance that holds the sweeper's lease, so that several instances on one database
 * never sweep at once (no slot handled twice, no two deletes racing). A holder that dies frees the lease when it
 * runs out; another instance takes over on its next turn.
 */
public final class ExclusiveSweep implements SweepUploadsUseCase {

    static final String LEASE = "upload-sweeper";

    private final SweepUploadsUseCase sweep;
    private final SweepLeasePort leases;
    private final String holder;
    private final Duration ttl;
    private final Clock clock;

    /**
     * @param holder this instance's name in the lease (unique per process)
     * @param ttl how long a taken lease lasts: longer than one sweep, so a live holder keeps it between turns
     */
    public ExclusiveSweep(SweepUploadsUseCase sweep, SweepLeasePort leases, String holder, Duration ttl, Clock clock) {
        this.sweep = Objects.requireNonNull(sweep, "sweep");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.holder = Objects.requireNonNull(holder, "holder");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public SweepReport sweep() {
        if (!leases.tryAcquire(LEASE, holder, clock.instant(), ttl)) {
            return SweepReport.of(0, 0, 0);
        }
        return sweep.sweep();
    }

    /** Lets another instance take over at once (this one is stopping). */
    public void release() {
        leases.release(LEASE, holder);
    }
}
