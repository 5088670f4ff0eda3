package dev.directupload.adapter.persistence.family;

import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code memberships}; its primary key is (family_id, user_id). */
@MappedEntity(value = "memberships", escape = false)
record MembershipRow(String familyId, String userId, String role, long joinedAt) {}
