package dev.directupload.application.harness;

import dev.directupload.application.port.out.ratelimit.Rate;
import dev.directupload.application.port.out.ratelimit.RateLimitPort;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Token buckets in a plain map (unbounded: for tests only). */
public final class InMemoryRateLimits implements RateLimitPort {

    private final Map<String, Long> arrivals = new HashMap<>();

    @Override
    public synchronized Duration tryTake(String key, int cost, Rate rate, Instant now) {
        long nowMicros = Rate.micros(now);
        long next = rate.arrivalAfter(arrivals.get(key), cost, nowMicros);
        if (!rate.allows(next, nowMicros)) {
            return rate.waitFor(next, nowMicros);
        }
        arrivals.put(key, next);
        return Duration.ZERO;
    }

    @Override
    public synchronized void purgeRefilled(Instant now) {
        long nowMicros = Rate.micros(now);
        arrivals.values().removeIf(arrival -> arrival <= nowMicros);
    }

    /** Buckets kept. */
    public synchronized int size() {
        return arrivals.size();
    }
}
