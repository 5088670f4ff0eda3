package dev.directupload.application.service.family;

import dev.directupload.application.port.in.family.FamilyView;
import dev.directupload.application.port.in.family.ListFamiliesUseCase;
import dev.directupload.application.port.out.family.FamilyPort;
import dev.directupload.application.port.out.family.MembershipPort;
import dev.directupload.domain.identity.UserId;
import java.util.List;

/** Lists the families the caller belongs to, with the caller's role in each. */
public final class ListFamiliesService implements ListFamiliesUseCase {

    private final FamilyPort families;
    private final MembershipPort memberships;

    public ListFamiliesService(FamilyPort families, MembershipPort memberships) {
        this.families = families;
        this.memberships = memberships;
    }

    @Override
    public List<FamilyView> list(UserId caller) {
        return memberships.listMemberships(caller).stream()
                .flatMap(m -> families.findFamily(m.familyId()).map(f -> new FamilyView(f, m.role())).stream())
                .toList();
    }
}
