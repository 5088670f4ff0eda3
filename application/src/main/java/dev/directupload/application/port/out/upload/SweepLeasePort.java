package dev.directupload.application.port.out.upload;

import java.time.Duration;
import java.time.Instant;

/**
 * A named lease shared by every instance through the database: at most one holder at a time, until it lets go or
 * its lease runs out (an instance that died). Lets N instances run the sweeper without two sweeping at once.
 */
public interface SweepLeasePort {

    /**
     * Takes or renews the lease for {@code ttl} from {@code now}: true when {@code holder} has it now (it was free,
     * expired, or already {@code holder}'s), false when another holder's lease still runs.
     */
    boolean tryAcquire(String name, String holder, Instant now, Duration ttl);

    /** Gives the lease up early, if {@code holder} has it. */
    void release(String name, String holder);
}
