package dev.directupload.adapter.web.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.directupload.adapter.web.photo.PhotoResponse;
import dev.directupload.application.port.in.upload.PreparedItem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** JSON shapes of {@code POST /uploads}. */
final class UploadDtos {

    private UploadDtos() {}

    /** The request body. */
    @Serdeable
    record PrepareRequest(
            @Nullable String familyId,
            @Nullable String albumId,
            @Nullable List<FileRequest> files) {}

    /** One declared file. */
    @Serdeable
    record FileRequest(
            @Nullable String clientRef,
            @Nullable String name,
            @Nullable Long size,
            @Nullable String type,
            @Nullable String md5,
            @Nullable Instant capturedAt) {}

    /** The answer, one item per file in request order. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PrepareResponse(List<ItemResponse> items) {}

    /** One answer; which fields are present depends on {@code status}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ItemResponse(
            String clientRef,
            String status,
            @Nullable PhotoResponse photo,
            @Nullable String uploadId,
            @Nullable String url,
            @Nullable Map<String, String> fields,
            @Nullable Instant expiresAt,
            @Nullable String duplicateOf,
            @Nullable String code,
            @Nullable String message) {

        static ItemResponse from(PreparedItem item) {
            if (item instanceof PreparedItem.Instant instant) {
                return new ItemResponse(
                        item.clientRef(),
                        "instant",
                        PhotoResponse.from(instant.photo()),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
            }
            if (item instanceof PreparedItem.Upload upload) {
                return new ItemResponse(
                        item.clientRef(),
                        "upload",
                        null,
                        upload.uploadId().value(),
                        upload.form().url(),
                        upload.form().fields(),
                        upload.form().expiresAt(),
                        null,
                        null,
                        null);
            }
            if (item instanceof PreparedItem.Duplicate duplicate) {
                return new ItemResponse(
                        item.clientRef(),
                        "duplicate",
                        null,
                        null,
                        null,
                        null,
                        null,
                        duplicate.duplicateOf(),
                        null,
                        null);
            }
            PreparedItem.Rejected rejected = (PreparedItem.Rejected) item;
            return new ItemResponse(
                    item.clientRef(),
                    "rejected",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    rejected.code().wireName(),
                    rejected.message());
        }
    }
}
