package dev.directupload.application.service.photo;

import dev.directupload.application.port.out.media.PageCursor;
import dev.directupload.domain.media.MediaFileId;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;
import dev.directupload.domain.shared.TimeRange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** The opaque {@code cursor} of album listings: URL-safe Base64 of the last photo's time and id. */
final class PhotoCursor {

    private PhotoCursor() {}

    static String encode(PageCursor cursor) {
        String raw = cursor.createdAt().getEpochSecond() + ":"
                + cursor.createdAt().getNano() + ":" + cursor.id().value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Accepts only what {@link #encode} writes: a time within {@link TimeRange} (no photo is stored outside it) and a
     * valid id, in canonical form.
     */
    static PageCursor decode(String token) {
        PageCursor cursor;
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":", 3);
            cursor = new PageCursor(
                    Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    new MediaFileId(parts[2]));
        } catch (RuntimeException e) {
            throw invalid();
        }
        if (!TimeRange.contains(cursor.createdAt()) || !encode(cursor).equals(token)) {
            throw invalid();
        }
        return cursor;
    }

    private static InvalidValueException invalid() {
        return new InvalidValueException(ErrorCode.INVALID_CURSOR, "cursor is not one this service issued");
    }
}
