package dev.directupload.application.service.photo;

import dev.directupload.application.port.out.media.PageCursor;
import dev.directupload.domain.media.MediaFileId;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;
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

    static PageCursor decode(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":", 3);
            return new PageCursor(
                    Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    new MediaFileId(parts[2]));
        } catch (RuntimeException e) {
            throw new InvalidValueException(ErrorCode.INVALID_CURSOR, "cursor is not one this service issued");
        }
    }
}
