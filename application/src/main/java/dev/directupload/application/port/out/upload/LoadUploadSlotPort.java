package dev.directupload.application.port.out.upload;

import dev.directupload.domain.upload.UploadId;
import dev.directupload.domain.upload.UploadSlot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads upload slots. */
public interface LoadUploadSlotPort {

    Optional<UploadSlot> findSlot(UploadId id);

    /** PENDING slots whose expiry is at or before {@code now}, oldest first, at most {@code limit}. */
    List<UploadSlot> findPendingExpired(Instant now, int limit);
}
