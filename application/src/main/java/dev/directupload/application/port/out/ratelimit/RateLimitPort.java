package dev.directupload.application.port.out.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * Token buckets by key ({@code "sign:u_…"}, {@code "login:203.0.113.7"}), wherever they are kept: this instance's
 * memory, or a table every instance shares. A take is atomic: concurrent takes on one key, from any instance, never
 * hand out more tokens than the bucket holds.
 */
public interface RateLimitPort {

    /** Longest key a store must accept. */
    int MAX_KEY_LENGTH = 200;

    /**
     * Takes {@code cost} tokens from the bucket of {@code key} shaped by {@code rate} (a key never seen, or whose
     * bucket refilled, has a full one).
     *
     * @param cost 1 to {@code rate.capacity()}
     * @return {@link Duration#ZERO} when taken; otherwise how long until they could be, and nothing was taken
     */
    Duration tryTake(String key, int cost, Rate rate, Instant now);

    /**
     * True when {@link #tryTake} answers from this process's memory, without a call or a lock wait on another
     * system: then it may be called on a thread that must not block (an HTTP event loop).
     */
    default boolean answersFromMemory() {
        return false;
    }

    /** Forgets the buckets that are full again at {@code now} (a no-op for stores that expire them on their own). */
    void purgeRefilled(Instant now);
}
