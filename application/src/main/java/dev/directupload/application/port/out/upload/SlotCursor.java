package dev.directupload.application.port.out.upload;

import dev.directupload.domain.upload.UploadId;
import java.time.Instant;
import java.util.Objects;

/** Where a page of slots ordered by (expiry, id) stopped. */
public record SlotCursor(Instant expiresAt, UploadId id) {

    public SlotCursor {
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(id, "id");
    }
}
