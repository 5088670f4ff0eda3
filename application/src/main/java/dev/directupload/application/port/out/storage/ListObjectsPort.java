package dev.directupload.application.port.out.storage;

import dev.directupload.domain.storage.KeyPrefix;
import java.time.Instant;
import java.util.Optional;

/** Lists the objects under a key prefix that are older than a cutoff, a bounded page at a time (the sweeper's view). */
public interface ListObjectsPort {

    /** The most keys one call looks at. */
    int MAX_LIMIT = 1000;

    /**
     * Looks at the next {@code limit} keys under {@code prefix} in key order (after {@code after}, or from the first)
     * and returns those last modified before {@code cutoff}. A page therefore holds at most {@code limit} objects and
     * may hold none while more keys follow: go on with {@link ObjectPage#next()} until it is empty. Keys that are not
     * valid {@link dev.directupload.domain.storage.ObjectKey}s are skipped.
     *
     * @param limit how many keys to look at, 1 .. {@value #MAX_LIMIT}
     * @param after where the previous page stopped; empty for the first page
     * @throws IllegalArgumentException when {@code limit} is out of range
     * @throws dev.directupload.application.shared.DependencyUnavailableException {@code storage_unavailable}
     */
    ObjectPage listOlderThan(KeyPrefix prefix, Instant cutoff, int limit, Optional<ListingCursor> after);

    /** @throws IllegalArgumentException unless {@code limit} is 1 .. {@value #MAX_LIMIT} */
    static void requireValidLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("listing limit must be 1 .. " + MAX_LIMIT + ", was " + limit);
        }
    }
}
