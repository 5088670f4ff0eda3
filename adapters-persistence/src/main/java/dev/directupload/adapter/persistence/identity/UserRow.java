package dev.directupload.adapter.persistence.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code users}. */
@MappedEntity(value = "users", escape = false)
record UserRow(
        @Id String id,
        String provider,
        String subject,
        @Nullable String unionId,
        long createdAt) {}
