package dev.directupload.domain.upload;

import dev.directupload.domain.storage.StoredObject;
import java.util.Objects;

/** What to do with a declared file, given what its family already stores. */
public sealed interface DedupeDecision {

    /** 秒传: a VERIFIED object with the same md5 and size exists in the family; record without upload. */
    record Instant(StoredObject existing) implements DedupeDecision {
        public Instant {
            Objects.requireNonNull(existing, "existing");
        }
    }

    /** The bytes must be uploaded. */
    record Upload() implements DedupeDecision {}

    /** The family stores this md5 with another size: a slot would point at a key holding other bytes. */
    record HashConflict(StoredObject existing) implements DedupeDecision {
        public HashConflict {
            Objects.requireNonNull(existing, "existing");
        }
    }
}
