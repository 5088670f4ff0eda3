package dev.directupload.application.service.family;

import dev.directupload.application.port.in.family.FamilyDetails;
import dev.directupload.application.port.in.family.GetFamilyUseCase;
import dev.directupload.application.port.in.family.StorageUsage;
import dev.directupload.application.port.out.family.FamilyPort;
import dev.directupload.application.port.out.family.FamilyUsagePort;
import dev.directupload.application.port.out.family.MembershipPort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.family.FamilyQuota;
import dev.directupload.domain.family.Membership;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.NotFoundException;

/** Shows one of the caller's families with its members. */
public final class GetFamilyService implements GetFamilyUseCase {

    private final FamilyPort families;
    private final MembershipPort memberships;
    private final FamilyAccess access;
    private final FamilyUsagePort usage;
    private final FamilyQuota quota;

    public GetFamilyService(
            FamilyPort families,
            MembershipPort memberships,
            FamilyAccess access,
            FamilyUsagePort usage,
            FamilyQuota quota) {
        this.families = families;
        this.memberships = memberships;
        this.access = access;
        this.usage = usage;
        this.quota = quota;
    }

    @Override
    public FamilyDetails get(UserId caller, FamilyId familyId) {
        Membership membership = access.requireMember(familyId, caller);
        return new FamilyDetails(
                families.findFamily(familyId)
                        .orElseThrow(() -> new NotFoundException(
                                ErrorCode.FAMILY_NOT_FOUND, "family " + familyId + " does not exist")),
                membership.role(),
                memberships.listMembers(familyId),
                storage(familyId));
    }

    private StorageUsage storage(FamilyId familyId) {
        FamilyUsagePort.Usage used = usage.usage(familyId);
        return new StorageUsage(used.bytes(), used.files(), quota.maxBytes().bytes(), quota.maxFiles());
    }
}
