package dev.directupload.application.service.family;

import dev.directupload.application.port.in.family.FamilyDetails;
import dev.directupload.application.port.in.family.GetFamilyUseCase;
import dev.directupload.application.port.out.family.FamilyPort;
import dev.directupload.application.port.out.family.MembershipPort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.family.Membership;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.NotFoundException;

/** Shows one of the caller's families with its members. */
public final class GetFamilyService implements GetFamilyUseCase {

    private final FamilyPort families;
    private final MembershipPort memberships;
    private final FamilyAccess access;

    public GetFamilyService(FamilyPort families, MembershipPort memberships, FamilyAccess access) {
        this.families = families;
        this.memberships = memberships;
        this.access = access;
    }

    @Override
    public FamilyDetails get(UserId caller, FamilyId familyId) {
        Membership membership = access.requireMember(familyId, caller);
        return new FamilyDetails(
                families.findFamily(familyId)
                        .orElseThrow(() -> new NotFoundException(
                                ErrorCode.FAMILY_NOT_FOUND, "family " + familyId + " does not exist")),
                membership.role(),
                memberships.listMembers(familyId));
    }
}
