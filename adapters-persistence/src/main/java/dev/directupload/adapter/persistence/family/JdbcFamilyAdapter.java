package dev.directupload.adapter.persistence.family;

import dev.directupload.adapter.persistence.DuplicateKeys;
import dev.directupload.adapter.persistence.EpochMicros;
import dev.directupload.application.port.out.family.FamilyPort;
import dev.directupload.application.port.out.family.InvitePort;
import dev.directupload.application.port.out.family.MembershipPort;
import dev.directupload.domain.family.Family;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.family.Invite;
import dev.directupload.domain.family.InviteCode;
import dev.directupload.domain.family.Membership;
import dev.directupload.domain.identity.UserId;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Families, memberships and invites in the database. Invite uses are counted by one conditional UPDATE; the
 * last-owner rule is one conditional DELETE, run while the family's row is locked so that two owners removing
 * each other cannot both succeed.
 */
@Singleton
public class JdbcFamilyAdapter implements FamilyPort, MembershipPort, InvitePort {

    private final FamilyRepository families;
    private final MembershipRepository memberships;
    private final InviteRepository invites;

    JdbcFamilyAdapter(FamilyRepository families, MembershipRepository memberships, InviteRepository invites) {
        this.families = families;
        this.memberships = memberships;
        this.invites = invites;
    }

    @Override
    public void saveFamily(Family family) {
        families.upsert(FamilyMapper.toRow(family));
    }

    @Override
    public Optional<Family> findFamily(FamilyId id) {
        return families.findById(id.value()).map(FamilyMapper::toDomain);
    }

    @Override
    public Optional<Membership> findMembership(FamilyId family, UserId user) {
        return memberships.find(family.value(), user.value()).map(FamilyMapper::toDomain);
    }

    @Override
    public Membership saveIfAbsent(Membership membership) {
        DuplicateKeys.ignoringDuplicate(() -> memberships.insertIfAbsent(FamilyMapper.toRow(membership)));
        return findMembership(membership.familyId(), membership.userId())
                .orElseThrow(() ->
                        new IllegalStateException("membership " + membership + " was neither inserted nor found"));
    }

    @Override
    public List<Membership> listMembers(FamilyId family) {
        return memberships.listByFamily(family.value()).stream()
                .map(FamilyMapper::toDomain)
                .toList();
    }

    @Override
    public List<Membership> listMemberships(UserId user) {
        return memberships.listByUser(user.value()).stream()
                .map(FamilyMapper::toDomain)
                .toList();
    }

    @Override
    @Transactional
    public boolean deleteUnlessLastOwner(FamilyId family, UserId user) {
        if (families.lockById(family.value()).isEmpty()) {
            return true;
        }
        if (memberships.deleteUnlessLastOwner(family.value(), user.value()) == 1) {
            return true;
        }
        return memberships.find(family.value(), user.value()).isEmpty();
    }

    @Override
    public void saveInvite(Invite invite) {
        invites.upsert(FamilyMapper.toRow(invite));
    }

    @Override
    public Optional<Invite> findInvite(InviteCode code) {
        return invites.findById(code.value()).map(FamilyMapper::toDomain);
    }

    @Override
    public boolean tryUse(InviteCode code, Instant now) {
        return invites.tryUse(code.value(), EpochMicros.of(now)) == 1;
    }
}
