package dev.directupload.adapter.persistence.family;

import dev.directupload.adapter.persistence.EpochMicros;
import dev.directupload.domain.family.Family;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.family.Invite;
import dev.directupload.domain.family.InviteCode;
import dev.directupload.domain.family.Membership;
import dev.directupload.domain.family.Role;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.DisplayName;

/** Maps families, memberships and invites between domain and rows. */
final class FamilyMapper {

    private FamilyMapper() {}

    static FamilyRow toRow(Family family) {
        return new FamilyRow(family.id().value(), family.name().value(), EpochMicros.of(family.createdAt()));
    }

    static Family toDomain(FamilyRow row) {
        return Family.reconstitute(
                new FamilyId(row.id()), new DisplayName(row.name()), EpochMicros.toInstant(row.createdAt()));
    }

    static MembershipRow toRow(Membership membership) {
        return new MembershipRow(
                membership.familyId().value(),
                membership.userId().value(),
                membership.role().name(),
                EpochMicros.of(membership.joinedAt()));
    }

    static Membership toDomain(MembershipRow row) {
        return new Membership(
                new FamilyId(row.familyId()),
                new UserId(row.userId()),
                Role.valueOf(row.role()),
                EpochMicros.toInstant(row.joinedAt()));
    }

    static InviteRow toRow(Invite invite) {
        return new InviteRow(
                invite.code().value(),
                invite.familyId().value(),
                invite.createdBy().value(),
                EpochMicros.of(invite.createdAt()),
                EpochMicros.of(invite.expiresAt()),
                invite.maxUses(),
                invite.uses());
    }

    static Invite toDomain(InviteRow row) {
        return Invite.reconstitute(
                new InviteCode(row.code()),
                new FamilyId(row.familyId()),
                new UserId(row.createdBy()),
                EpochMicros.toInstant(row.createdAt()),
                EpochMicros.toInstant(row.expiresAt()),
                row.maxUses(),
                row.uses());
    }
}
