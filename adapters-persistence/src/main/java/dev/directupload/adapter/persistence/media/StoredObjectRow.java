package dev.directupload.adapter.persistence.media;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code stored_objects}; its primary key is (family_id, md5, size_bytes). */
@MappedEntity(value = "stored_objects", escape = false)
record StoredObjectRow(
        String familyId,
        String md5,
        long sizeBytes,
        String objectKey,
        String keySha256,
        String fileFormat,
        String status,
        long createdAt,
        @Nullable Long verifiedAt) {}
