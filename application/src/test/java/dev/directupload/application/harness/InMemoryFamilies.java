package dev.directupload.application.harness;

import dev.directupload.application.port.out.family.FamilyPort;
import dev.directupload.application.port.out.family.InvitePort;
import dev.directupload.application.port.out.family.MembershipPort;
import dev.directupload.domain.family.Family;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.family.Invite;
import dev.directupload.domain.family.InviteCode;
import dev.directupload.domain.family.Membership;
import dev.directupload.domain.family.Role;
import dev.directupload.domain.identity.UserId;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Families, their memberships and invites in memory: one membership per (family, user), never removing a
 * family's last owner, and an invite's uses counted only while it is unexpired and has uses left.
 */
public final class InMemoryFamilies implements FamilyPort, MembershipPort, InvitePort, InMemoryTransactions.Table {

    private final InMemoryTransactions tx;
    private final Map<FamilyId, Family> families = new LinkedHashMap<>();
    private final Map<String, Membership> memberships = new LinkedHashMap<>();
    private final Map<InviteCode, Invite> invites = new LinkedHashMap<>();

    public InMemoryFamilies(InMemoryTransactions tx) {
        this.tx = tx;
        tx.register(this);
    }

    /** A fixture's membership: stored as given, replacing any of the same family and user. */
    public void addMembership(Membership membership) {
        tx.locked(() -> {
            memberships.put(key(membership.familyId(), membership.userId()), membership);
        });
    }

    @Override
    public void saveFamily(Family family) {
        tx.locked(() -> {
            families.put(family.id(), family);
        });
    }

    @Override
    public Optional<Family> findFamily(FamilyId id) {
        return tx.locked(() -> Optional.ofNullable(families.get(id)));
    }

    @Override
    public Optional<Membership> findMembership(FamilyId family, UserId user) {
        return tx.locked(() -> Optional.ofNullable(memberships.get(key(family, user))));
    }

    @Override
    public Membership saveIfAbsent(Membership membership) {
        return tx.locked(
                () -> memberships.computeIfAbsent(key(membership.familyId(), membership.userId()), k -> membership));
    }

    @Override
    public List<Membership> listMembers(FamilyId family) {
        return tx.locked(() -> memberships.values().stream()
                .filter(m -> m.familyId().equals(family))
                .sorted(Comparator.comparing(Membership::joinedAt))
                .toList());
    }

    @Override
    public List<Membership> listMemberships(UserId user) {
        return tx.locked(() -> memberships.values().stream()
                .filter(m -> m.userId().equals(user))
                .sorted(Comparator.comparing(Membership::joinedAt))
                .toList());
    }

    @Override
    public boolean deleteUnlessLastOwner(FamilyId family, UserId user) {
        return tx.locked(() -> {
            Membership target = memberships.get(key(family, user));
            if (target == null) {
                return true;
            }
            long owners = memberships.values().stream()
                    .filter(m -> m.familyId().equals(family) && m.role() == Role.OWNER)
                    .count();
            if (target.isOwner() && owners <= 1) {
                return false;
            }
            memberships.remove(key(family, user));
            return true;
        });
    }

    @Override
    public void saveInvite(Invite invite) {
        tx.locked(() -> {
            invites.put(invite.code(), invite);
        });
    }

    @Override
    public Optional<Invite> findInvite(InviteCode code) {
        return tx.locked(() -> Optional.ofNullable(invites.get(code)));
    }

    @Override
    public boolean tryUse(InviteCode code, Instant now) {
        return tx.locked(() -> {
            Invite invite = invites.get(code);
            if (invite == null || !now.isBefore(invite.expiresAt()) || invite.uses() >= invite.maxUses()) {
                return false;
            }
            invites.put(
                    code,
                    Invite.reconstitute(
                            code,
                            invite.familyId(),
                            invite.createdBy(),
                            invite.createdAt(),
                            invite.expiresAt(),
                            invite.maxUses(),
                            invite.uses() + 1));
            return true;
        });
    }

    @Override
    public Runnable snapshot() {
        return InMemoryTransactions.all(List.of(
                InMemoryTransactions.snapshotOf(families),
                InMemoryTransactions.snapshotOf(memberships),
                InMemoryTransactions.snapshotOf(invites)));
    }

    private static String key(FamilyId family, UserId user) {
        return family + "/" + user;
    }
}
