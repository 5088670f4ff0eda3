package dev.directupload.adapter.persistence.family;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code invites}. */
@MappedEntity(value = "invites", escape = false)
record InviteRow(
        @Id String code, String familyId, String createdBy, long createdAt, long expiresAt, int maxUses, int uses) {}
