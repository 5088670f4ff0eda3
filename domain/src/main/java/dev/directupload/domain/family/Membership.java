package dev.directupload.domain.family;

import dev.directupload.domain.identity.UserId;
import java.time.Instant;
import java.util.Objects;

/** That a user belongs to a family, and with which role. */
public record Membership(FamilyId familyId, UserId userId, Role role, Instant joinedAt) {

    public Membership {
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(joinedAt, "joinedAt");
    }

    public boolean isOwner() {
        return role == Role.OWNER;
    }
}
