package dev.directupload.application.port.out.family;

import dev.directupload.domain.family.FamilyId;

/** What a family's storage holds and has reserved, for its quota. */
public interface FamilyUsagePort {

    /** Verified stored objects plus the declared sizes of PENDING upload slots. */
    record Usage(long bytes, long files) {}

    Usage usage(FamilyId family);

    /**
     * The usage, after taking the family's lock until the current transaction ends, so that two prepares of one
     * family cannot both spend the same remaining quota. Call inside a transaction.
     */
    Usage lockAndMeasure(FamilyId family);
}
