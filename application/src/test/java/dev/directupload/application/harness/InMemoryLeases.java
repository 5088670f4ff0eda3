package dev.directupload.application.harness;

import dev.directupload.application.port.out.upload.SweepLeasePort;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Leases in memory. */
public final class InMemoryLeases implements SweepLeasePort {

    private record Lease(String holder, Instant expiresAt) {}

    private final Map<String, Lease> leases = new HashMap<>();

    @Override
    public synchronized boolean tryAcquire(String name, String holder, Instant now, Duration ttl) {
        Lease current = leases.get(name);
        if (current != null
                && !current.holder().equals(holder)
                && !current.expiresAt().isBefore(now)) {
            return false;
        }
        leases.put(name, new Lease(holder, now.plus(ttl)));
        return true;
    }

    @Override
    public synchronized void release(String name, String holder) {
        Lease current = leases.get(name);
        if (current != null && current.holder().equals(holder)) {
            leases.put(name, new Lease(holder, Instant.EPOCH));
        }
    }
}
