package dev.directupload.application.service.family;

import dev.directupload.application.port.in.family.AcceptInviteUseCase;
import dev.directupload.application.port.in.family.CreateFamilyUseCase;
import dev.directupload.application.port.in.family.CreateInviteUseCase;
import dev.directupload.application.port.in.family.FamilyDetails;
import dev.directupload.application.port.in.family.FamilyView;
import dev.directupload.application.port.in.family.GetFamilyUseCase;
import dev.directupload.application.port.in.family.ListFamiliesUseCase;
import dev.directupload.application.port.in.family.RemoveMemberUseCase;
import dev.directupload.application.port.out.TransactionPort;
import dev.directupload.application.port.out.family.FamilyPort;
import dev.directupload.application.port.out.family.InvitePort;
import dev.directupload.application.port.out.family.MembershipPort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.domain.family.Family;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.family.Invite;
import dev.directupload.domain.family.InviteCode;
import dev.directupload.domain.family.Membership;
import dev.directupload.domain.family.Role;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.ConflictException;
import dev.directupload.domain.shared.DisplayName;
import dev.directupload.domain.shared.ForbiddenException;
import dev.directupload.domain.shared.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Families, members and invites: who belongs where. */
public final class FamilyServices
        implements CreateFamilyUseCase,
                ListFamiliesUseCase,
                GetFamilyUseCase,
                CreateInviteUseCase,
                AcceptInviteUseCase,
                RemoveMemberUseCase {

    private final FamilyPort families;
    private final MembershipPort memberships;
    private final InvitePort invites;
    private final FamilyAccess access;
    private final TransactionPort transactions;
    private final Clock clock;

    public FamilyServices(
            FamilyPort families,
            MembershipPort memberships,
            InvitePort invites,
            FamilyAccess access,
            TransactionPort transactions,
            Clock clock) {
        this.families = families;
        this.memberships = memberships;
        this.invites = invites;
        this.access = access;
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

    @Override
    public List<FamilyView> list(UserId caller) {
        return memberships.listMemberships(caller).stream()
                .flatMap(m -> families.findFamily(m.familyId()).map(f -> new FamilyView(f, m.role())).stream())
                .toList();
    }

    @Override
    public FamilyDetails get(UserId caller, FamilyId familyId) {
        Membership membership = access.requireMember(familyId, caller);
        return new FamilyDetails(requireFamily(familyId), membership.role(), memberships.listMembers(familyId));
    }

    @Override
    public Invite create(UserId caller, FamilyId familyId) {
        if (!access.requireMember(familyId, caller).isOwner()) {
            throw new ForbiddenException("not_family_owner", "only an owner of this family can invite");
        }
        Invite invite = Invite.issue(familyId, caller, clock.instant());
        invites.saveInvite(invite);
        return invite;
    }

    @Override
    public FamilyView accept(UserId caller, InviteCode code) {
        Invite invite =
                invites.findInvite(code).orElseThrow(() -> new NotFoundException("invite_not_found", "no such invite"));
        Family family = requireFamily(invite.familyId());
        Optional<Membership> existing = memberships.findMembership(family.id(), caller);
        if (existing.isPresent()) {
            return new FamilyView(family, existing.get().role());
        }
        return transactions.inTransaction(() -> {
            var now = clock.instant();
            invite.requireUsable(now);
            if (!invites.tryUse(code, now)) {
                invites.findInvite(code).orElseThrow().requireUsable(now);
                throw new ConflictException("invite_used_up", "this invite cannot be used any more");
            }
            Membership joined = memberships.saveIfAbsent(new Membership(family.id(), caller, Role.MEMBER, now));
            return new FamilyView(family, joined.role());
        });
    }

    @Override
    public void remove(UserId caller, FamilyId familyId, UserId member) {
        Membership callerMembership = access.requireMember(familyId, caller);
        if (!caller.equals(member) && !callerMembership.isOwner()) {
            throw new ForbiddenException("not_family_owner", "only an owner can remove another member");
        }
        memberships
                .findMembership(familyId, member)
                .orElseThrow(
                        () -> new NotFoundException("member_not_found", "user " + member + " is not in this family"));
        if (!memberships.deleteUnlessLastOwner(familyId, member)) {
            throw new ConflictException("last_owner", "the last owner cannot leave or be removed");
        }
    }

    private Family requireFamily(FamilyId id) {
        return families.findFamily(id)
                .orElseThrow(() -> new NotFoundException("family_not_found", "family " + id + " does not exist"));
    }
}
