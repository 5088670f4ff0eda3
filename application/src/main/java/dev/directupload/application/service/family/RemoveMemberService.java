package dev.directupload.application.service.family;

import dev.directupload.application.port.in.family.RemoveMemberUseCase;
import dev.directupload.application.port.out.family.MembershipPort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.family.Membership;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.ConflictException;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.ForbiddenException;
import dev.directupload.domain.shared.NotFoundException;

/** Removes a member (owners may remove anyone) or lets the caller leave; the last owner stays. */
public final class RemoveMemberService implements RemoveMemberUseCase {

    private final MembershipPort memberships;
    private final FamilyAccess access;

    public RemoveMemberService(MembershipPort memberships, FamilyAccess access) {
        this.memberships = memberships;
        this.access = access;
    }

    @Override
    public void remove(UserId caller, FamilyId familyId, UserId member) {
        Membership callerMembership = access.requireMember(familyId, caller);
        if (!caller.equals(member) && !callerMembership.isOwner()) {
            throw new ForbiddenException(ErrorCode.NOT_FAMILY_OWNER, "only an owner can remove another member");
        }
        memberships
                .findMembership(familyId, member)
                .orElseThrow(() ->
                        new NotFoundException(ErrorCode.MEMBER_NOT_FOUND, "user " + member + " is not in this family"));
        if (!memberships.deleteUnlessLastOwner(familyId, member)) {
            throw new ConflictException(ErrorCode.LAST_OWNER, "the last owner cannot leave or be removed");
        }
    }
}
