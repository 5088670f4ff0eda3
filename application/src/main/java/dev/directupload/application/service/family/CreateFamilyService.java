package dev.directupload.application.service.family;

import dev.directupload.application.port.in.family.CreateFamilyUseCase;
import dev.directupload.application.port.in.family.FamilyView;
import dev.directupload.application.port.out.TransactionPort;
import dev.directupload.application.port.out.family.FamilyPort;
import dev.directupload.application.port.out.family.MembershipPort;
import dev.directupload.domain.family.Family;
import dev.directupload.domain.family.Membership;
import dev.directupload.domain.family.Role;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.DisplayName;
import java.time.Clock;

/** Creates a family whose first owner is the caller, in one transaction. */
public final class CreateFamilyService implements CreateFamilyUseCase {

    private final FamilyPort families;
    private final MembershipPort memberships;
    private final TransactionPort transactions;
    private final Clock clock;

    public CreateFamilyService(
            FamilyPort families, MembershipPort memberships, TransactionPort transactions, Clock clock) {
        this.families = families;
        this.memberships = memberships;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public FamilyView create(UserId caller, DisplayName name) {
        return transactions.inTransaction(() -> {
            Family family = Family.create(name, clock.instant());
            families.saveFamily(family);
            memberships.saveIfAbsent(new Membership(family.id(), caller, Role.OWNER, clock.instant()));
            return new FamilyView(family, Role.OWNER);
        });
    }
}
