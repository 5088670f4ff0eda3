package dev.directupload.adapter.persistence.media;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code media_files}. */
@MappedEntity(value = "media_files", escape = false)
record MediaFileRow(
        @Id String id,
        String albumId,
        String familyId,
        String creatorId,
        String fileName,
        String objectKey,
        String keySha256,
        String fileFormat,
        long sizeBytes,
        String md5,
        @Nullable Long capturedAt,
        long createdAt) {}
