package dev.directupload.application.service.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Present answers of a lookup, reused for at most {@code maxAge} by the clock from the moment the lookup began: a
 * change the lookup would see (a removed member, a deleted album) shows at most {@code maxAge} later. Absent answers
 * are never kept, so a new member or album is seen at once. At most {@code capacity} answers; beyond that the expired
 * ones go first, then arbitrary ones (they are simply looked up again).
 */
public final class RecentAnswers<K, V> {

    private final Duration maxAge;
    private final int capacity;
    private final Clock clock;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    public RecentAnswers(Duration maxAge, int capacity, Clock clock) {
        if (maxAge.isNegative() || capacity < 1) {
            throw new IllegalArgumentException("maxAge must not be negative and capacity at least 1");
        }
        this.maxAge = maxAge;
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The answer for {@code key}: a recent one, or {@code lookup}'s (kept when present). */
    public Optional<V> get(K key, Function<K, Optional<V>> lookup) {
        Instant now = clock.instant();
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.freshAt(now)) {
            return entry.answer();
        }
        Optional<V> answer = lookup.apply(key);
        if (answer.isPresent()) {
            entries.put(key, new Entry<>(answer, now, now.plus(maxAge)));
            if (entries.size() > capacity) {
                trim(now);
            }
        } else if (entry != null) {
            entries.remove(key, entry);
        }
        return answer;
    }

    /** Forgets {@code key}'s answer (a change this instance made itself). */
    public void forget(K key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }

    /** Down to nine tenths of the capacity, so that a full cache does not scan on every new answer. */
    private void trim(Instant now) {
        entries.values().removeIf(entry -> !entry.freshAt(now));
        int target = capacity - capacity / 10;
        Iterator<Entry<V>> rest = entries.values().iterator();
        while (entries.size() > target && rest.hasNext()) {
            rest.next();
            rest.remove();
        }
    }

    /** Fresh from {@code loadedAt} (a clock set back makes it stale) until {@code expiresAt}. */
    private record Entry<V>(Optional<V> answer, Instant loadedAt, Instant expiresAt) {
        boolean freshAt(Instant now) {
            return !now.isBefore(loadedAt) && now.isBefore(expiresAt);
        }
    }
}
