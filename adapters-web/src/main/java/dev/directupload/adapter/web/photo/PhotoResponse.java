package dev.directupload.adapter.web.photo;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.directupload.application.port.in.photo.Photo;
import dev.directupload.domain.media.MediaFile;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A photo or video as the API shows it, with a presigned download URL. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PhotoResponse(
        String id,
        String albumId,
        String familyId,
        String fileName,
        String type,
        String contentType,
        long size,
        String md5,
        String creatorId,
        @Nullable Instant capturedAt,
        Instant createdAt,
        String url,
        Instant urlExpiresAt) {

    public static PhotoResponse from(Photo photo) {
        MediaFile f = photo.file();
        return new PhotoResponse(
                f.id().value(),
                f.albumId().value(),
                f.familyId().value(),
                f.fileName().value(),
                f.mediaType().wireName(),
                f.format().contentType(),
                f.content().size().bytes(),
                f.content().md5().md5(),
                f.creatorId().value(),
                f.capturedAt().orElse(null),
                f.createdAt(),
                photo.download().url(),
                photo.download().expiresAt());
    }
}
