package dev.directupload.application.service.family;

import dev.directupload.application.port.in.family.AcceptInviteUseCase;
import dev.directupload.application.port.in.family.FamilyView;
import dev.directupload.application.port.out.TransactionPort;
import dev.directupload.application.port.out.family.FamilyPort;
import dev.directupload.application.port.out.family.InvitePort;
import dev.directupload.application.port.out.family.MembershipPort;
import dev.directupload.domain.family.Family;
import dev.directupload.domain.family.Invite;
import dev.directupload.domain.family.InviteCode;
import dev.directupload.domain.family.Membership;
import dev.directupload.domain.family.Role;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.ConflictException;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.NotFoundException;
import java.time.Clock;
import java.util.Optional;

/** Joins the family of an invite as a member, counting one use; accepting again changes nothing. */
public final class AcceptInviteService implements AcceptInviteUseCase {

    private final FamilyPort families;
    private final MembershipPort memberships;
    private final InvitePort invites;
    private final TransactionPort transactions;
    private final Clock clock;

    public AcceptInviteService(
            FamilyPort families,
            MembershipPort memberships,
            InvitePort invites,
            TransactionPort transactions,
            Clock clock) {
        this.families = families;
        this.memberships = memberships;
        this.invites = invites;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public FamilyView accept(UserId caller, InviteCode code) {
        Invite invite = invites.findInvite(code)
                .orElseThrow(() -> new NotFoundException(ErrorCode.INVITE_NOT_FOUND, "no such invite"));
        Family family = families.findFamily(invite.familyId())
                .orElseThrow(() -> new NotFoundException(
                        ErrorCode.FAMILY_NOT_FOUND, "family " + invite.familyId() + " does not exist"));
        Optional<Membership> existing = memberships.findMembership(family.id(), caller);
        if (existing.isPresent()) {
            return new FamilyView(family, existing.get().role());
        }
        return transactions.inTransaction(() -> {
            var now = clock.instant();
            invite.requireUsable(now);
            if (!invites.tryUse(code, now)) {
                invites.findInvite(code).orElseThrow().requireUsable(now);
                throw new ConflictException(ErrorCode.INVITE_USED_UP, "this invite cannot be used any more");
            }
            Membership joined = memberships.saveIfAbsent(new Membership(family.id(), caller, Role.MEMBER, now));
            return new FamilyView(family, joined.role());
        });
    }
}
