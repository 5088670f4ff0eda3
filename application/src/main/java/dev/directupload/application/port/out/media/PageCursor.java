package dev.directupload.application.port.out.media;

import dev.directupload.domain.media.MediaFileId;
import java.time.Instant;
import java.util.Objects;

/** Keyset position in a newest-first listing: the last photo of the previous page. */
public record PageCursor(Instant createdAt, MediaFileId id) {

    public PageCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }
}
