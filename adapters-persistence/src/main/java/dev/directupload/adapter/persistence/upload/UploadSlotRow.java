package dev.directupload.adapter.persistence.upload;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code upload_slots}. */
@MappedEntity(value = "upload_slots", escape = false)
record UploadSlotRow(
        @Id String id,
        String familyId,
        String albumId,
        String creatorId,
        String objectKey,
        String keySha256,
        String fileName,
        String fileFormat,
        long sizeBytes,
        String md5,
        @Nullable Long capturedAt,
        long createdAt,
        long expiresAt,
        String status,
        @Nullable String mediaFileId) {}
