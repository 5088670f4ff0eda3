package dev.directupload.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.domain.family.Family;
import dev.directupload.domain.family.Invite;
import dev.directupload.domain.family.InviteCode;
import dev.directupload.domain.family.Membership;
import dev.directupload.domain.family.Role;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.DisplayName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Contract of {@code FamilyPort}, {@code MembershipPort} and {@code InvitePort}. */
public abstract class FamilyPortsContract extends PersistenceContract {

    @Test
    void givenSavedFamily_saveFamilyAgain_updatesTheName() {
        UserId owner = newUser().id();
        Family family = newFamily(owner);

        ports().families()
                .saveFamily(Family.reconstitute(family.id(), new DisplayName("新的名字 renamed"), family.createdAt()));

        Family found = ports().families().findFamily(family.id()).orElseThrow();
        assertThat(found.name().value()).isEqualTo("新的名字 renamed");
        assertThat(found.createdAt()).isEqualTo(T0);
    }

    @Test
    void givenMember_saveIfAbsent_keepsTheExistingMembership() {
        UserId owner = newUser().id();
        Family family = newFamily(owner);

        Membership kept =
                ports().memberships().saveIfAbsent(new Membership(family.id(), owner, Role.MEMBER, T0.plusSeconds(60)));

        assertThat(kept.role()).isEqualTo(Role.OWNER);
        assertThat(kept.joinedAt()).isEqualTo(T0);
        assertThat(ports().memberships()
                        .findMembership(family.id(), owner)
                        .orElseThrow()
                        .role())
                .isEqualTo(Role.OWNER);
    }

    @Test
    void listMembersAndMemberships_areOldestFirst() {
        UserId owner = newUser().id();
        UserId second = newUser().id();
        UserId third = newUser().id();
        Family family = newFamily(owner);
        Family other = newFamily(third);
        ports().memberships().saveIfAbsent(new Membership(family.id(), third, Role.MEMBER, T0.plusSeconds(20)));
        ports().memberships().saveIfAbsent(new Membership(family.id(), second, Role.MEMBER, T0.plusSeconds(10)));

        assertThat(ports().memberships().listMembers(family.id()))
                .extracting(Membership::userId)
                .containsExactly(owner, second, third);
        assertThat(ports().memberships().listMemberships(third))
                .extracting(Membership::familyId)
                .containsExactly(other.id(), family.id());
    }

    @Test
    void givenLastOwner_deleteUnlessLastOwner_refusesAndKeepsTheMembership() {
        UserId owner = newUser().id();
        UserId member = newUser().id();
        Family family = newFamily(owner);
        ports().memberships().saveIfAbsent(new Membership(family.id(), member, Role.MEMBER, T0));

        assertThat(ports().memberships().deleteUnlessLastOwner(family.id(), owner))
                .isFalse();
        assertThat(ports().memberships().findMembership(family.id(), owner)).isPresent();

        assertThat(ports().memberships().deleteUnlessLastOwner(family.id(), member))
                .isTrue();
        assertThat(ports().memberships().findMembership(family.id(), member)).isEmpty();
        assertThat(ports().memberships().deleteUnlessLastOwner(family.id(), member))
                .isTrue();
    }

    @Test
    void givenTwoOwners_deleteUnlessLastOwner_removesOneThenRefusesTheOther() {
        UserId first = newUser().id();
        UserId second = newUser().id();
        Family family = newFamily(first);
        ports().memberships().saveIfAbsent(new Membership(family.id(), second, Role.OWNER, T0));

        assertThat(ports().memberships().deleteUnlessLastOwner(family.id(), first))
                .isTrue();
        assertThat(ports().memberships().deleteUnlessLastOwner(family.id(), second))
                .isFalse();
        assertThat(ports().memberships().listMembers(family.id()))
                .extracting(Membership::userId)
                .containsExactly(second);
    }

    @Test
    void givenTwoOwnersRemovingEachOtherAtOnce_deleteUnlessLastOwner_leavesExactlyOneOwner() throws Exception {
        for (int round = 0; round < 5; round++) {
            UserId first = newUser().id();
            UserId second = newUser().id();
            Family family = newFamily(first);
            ports().memberships().saveIfAbsent(new Membership(family.id(), second, Role.OWNER, T0));

            List<Boolean> results = concurrently(List.<Callable<Boolean>>of(
                    () -> ports().memberships().deleteUnlessLastOwner(family.id(), first),
                    () -> ports().memberships().deleteUnlessLastOwner(family.id(), second)));

            assertThat(results).containsExactlyInAnyOrder(true, false);
            assertThat(ports().memberships().listMembers(family.id()))
                    .hasSize(1)
                    .allMatch(Membership::isOwner);
        }
    }

    @Test
    void givenSavedInvite_findInvite_returnsEveryField() {
        UserId owner = newUser().id();
        Family family = newFamily(owner);
        Invite invite = Invite.issue(family.id(), owner, T0);

        ports().invites().saveInvite(invite);

        Invite found = ports().invites().findInvite(invite.code()).orElseThrow();
        assertThat(found.familyId()).isEqualTo(family.id());
        assertThat(found.createdBy()).isEqualTo(owner);
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(found.expiresAt()).isEqualTo(T0.plus(Invite.DEFAULT_TTL));
        assertThat(found.maxUses()).isEqualTo(Invite.DEFAULT_MAX_USES);
        assertThat(found.uses()).isZero();
        assertThat(ports().invites().findInvite(InviteCode.random())).isEmpty();
    }

    @Test
    void givenInviteWithThreeUses_tryUse_countsThreeThenRefuses() {
        Invite invite = savedInvite(3, T0.plus(Duration.ofDays(1)));

        assertThat(IntStream.range(0, 5)
                        .mapToObj(i -> ports().invites().tryUse(invite.code(), T0))
                        .toList())
                .containsExactly(true, true, true, false, false);
        assertThat(ports().invites().findInvite(invite.code()).orElseThrow().uses())
                .isEqualTo(3);
    }

    @Test
    void givenInvite_tryUse_isRefusedFromItsExpiryOn() {
        Instant expiry = T0.plus(Duration.ofHours(1));
        Invite invite = savedInvite(10, expiry);

        assertThat(ports().invites().tryUse(invite.code(), expiry)).isFalse();
        assertThat(ports().invites().tryUse(invite.code(), expiry.plusSeconds(1)))
                .isFalse();
        assertThat(ports().invites().tryUse(invite.code(), expiry.minusNanos(1000)))
                .isTrue();
        assertThat(ports().invites().findInvite(invite.code()).orElseThrow().uses())
                .isEqualTo(1);
        assertThat(ports().invites().tryUse(InviteCode.random(), T0)).isFalse();
    }

    @Test
    void givenInviteCodesDifferingOnlyInCase_tryUse_countsOnlyTheExactCode() {
        InviteCode code = new InviteCode("Ab" + InviteCode.random().value().substring(2));
        Invite invite = savedInvite(code, 1, T0.plus(Duration.ofDays(1)));
        String swapped = swapCase(code.value());
        assertThat(ports().invites().findInvite(new InviteCode(swapped))).isEmpty();
        assertThat(ports().invites().tryUse(new InviteCode(swapped), T0)).isFalse();
        assertThat(ports().invites().findInvite(invite.code()).orElseThrow().uses())
                .isZero();
    }

    @Test
    void givenSixteenConcurrentAccepts_tryUse_grantsExactlyMaxUses() throws Exception {
        Invite invite = savedInvite(5, T0.plus(Duration.ofDays(1)));

        List<Boolean> results = concurrently(IntStream.range(0, 16)
                .<Callable<Boolean>>mapToObj(i -> () -> ports().invites().tryUse(invite.code(), T0))
                .toList());

        assertThat(results.stream().filter(b -> b)).hasSize(5);
        assertThat(ports().invites().findInvite(invite.code()).orElseThrow().uses())
                .isEqualTo(5);
    }

    private Invite savedInvite(int maxUses, Instant expiresAt) {
        return savedInvite(InviteCode.random(), maxUses, expiresAt);
    }

    private Invite savedInvite(InviteCode code, int maxUses, Instant expiresAt) {
        UserId owner = newUser().id();
        Family family = newFamily(owner);
        Invite invite = Invite.reconstitute(code, family.id(), owner, T0, expiresAt, maxUses, 0);
        ports().invites().saveInvite(invite);
        return invite;
    }

    private static String swapCase(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return out.toString();
    }
}
