package dev.directupload.adapter.persistence.upload;

import dev.directupload.adapter.persistence.DuplicateKeys;
import dev.directupload.adapter.persistence.EpochMicros;
import dev.directupload.application.port.out.upload.SweepLeasePort;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/** Leases as rows of {@code leases}, taken by a conditional update. */
@Singleton
public class JdbcSweepLeaseAdapter implements SweepLeasePort {

    private final LeaseRepository leases;

    JdbcSweepLeaseAdapter(LeaseRepository leases) {
        this.leases = leases;
    }

    @Override
    public boolean tryAcquire(String name, String holder, Instant now, Duration ttl) {
        DuplicateKeys.ignoringDuplicate(() -> leases.insertIfAbsent(name));
        return leases.take(name, holder, EpochMicros.of(now), EpochMicros.of(now.plus(ttl))) == 1;
    }

    @Override
    public void release(String name, String holder) {
        leases.release(name, holder);
    }
}
