package dev.directupload.application.service.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.directupload.application.harness.InMemoryMetadataStore;
import dev.directupload.application.harness.MutableClock;
import dev.directupload.application.port.in.family.FamilyView;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.application.service.album.AlbumServices;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.family.Invite;
import dev.directupload.domain.family.InviteCode;
import dev.directupload.domain.family.Role;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.media.FileName;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.shared.DisplayName;
import dev.directupload.domain.shared.DomainException;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.storage.StoredObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FamilyAndAlbumServicesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T19:00:00Z"));
    private final InMemoryMetadataStore store = new InMemoryMetadataStore();
    private final FamilyAccess access = new FamilyAccess(store.families, store.albums);
    private final FamilyServices families =
            new FamilyServices(store.families, store.families, store.families, access, store.transactions, clock);
    private final AlbumServices albums = new AlbumServices(store.albums, access, clock);
    private final UserId alice = new UserId("u_alice");
    private final UserId bob = new UserId("u_bob");
    private final UserId carol = new UserId("u_carol");

    private static String code(Throwable e) {
        return ((DomainException) e).code();
    }

    private FamilyId aliceFamily() {
        return families.create(alice, new DisplayName("Wang")).family().id();
    }

    @Test
    void creator_isTheOwner_andSeesTheFamily() {
        FamilyView created = families.create(alice, new DisplayName(" Wang family "));

        assertThat(created.role()).isEqualTo(Role.OWNER);
        assertThat(families.list(alice))
                .extracting(v -> v.family().name().value())
                .containsExactly("Wang family");
        assertThat(families.list(bob)).isEmpty();
        assertThat(families.get(alice, created.family().id()).members())
                .singleElement()
                .satisfies(m -> assertThat(m.userId()).isEqualTo(alice));
    }

    @Test
    void nonMember_seesNotFound() {
        FamilyId family = aliceFamily();
        assertThatThrownBy(() -> families.get(bob, family))
                .satisfies(e -> assertThat(code(e)).isEqualTo("family_not_found"));
        assertThatThrownBy(() -> albums.create(bob, family, new DisplayName("x")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("family_not_found"));
    }

    @Test
    void invite_joinsAsMember_andAcceptingTwiceUsesItOnce() {
        FamilyId family = aliceFamily();
        Invite invite = families.create(alice, family);

        assertThat(families.accept(bob, invite.code()).role()).isEqualTo(Role.MEMBER);
        assertThat(families.accept(bob, invite.code()).role()).isEqualTo(Role.MEMBER);
        assertThat(store.families.findInvite(invite.code()).orElseThrow().uses())
                .isEqualTo(1);
        assertThat(families.accept(alice, invite.code()).role()).isEqualTo(Role.OWNER);
    }

    @Test
    void onlyOwners_invite() {
        FamilyId family = aliceFamily();
        families.accept(bob, families.create(alice, family).code());

        assertThatThrownBy(() -> families.create(bob, family))
                .satisfies(e -> assertThat(code(e)).isEqualTo("not_family_owner"));
        assertThatThrownBy(() -> families.create(carol, family))
                .satisfies(e -> assertThat(code(e)).isEqualTo("family_not_found"));
    }

    @Test
    void expiredInvite_isRefused_andChangesNothing() {
        FamilyId family = aliceFamily();
        Invite invite = families.create(alice, family);
        clock.advance(Invite.DEFAULT_TTL);

        assertThatThrownBy(() -> families.accept(bob, invite.code()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("invite_expired"));
        assertThat(store.families.findMembership(family, bob)).isEmpty();
    }

    @Test
    void inviteUsedUp_afterMaxUses() {
        FamilyId family = aliceFamily();
        Invite invite = families.create(alice, family);
        for (int i = 0; i < Invite.DEFAULT_MAX_USES; i++) {
            families.accept(new UserId("u_guest" + i), invite.code());
        }

        assertThatThrownBy(() -> families.accept(carol, invite.code()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("invite_used_up"));
        assertThat(store.families.findMembership(family, carol)).isEmpty();
    }

    @Test
    void unknownOrMalformedInvite_isNotFound() {
        assertThatThrownBy(() -> families.accept(bob, InviteCode.random()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("invite_not_found"));
        assertThatThrownBy(() -> new InviteCode("../../etc"))
                .satisfies(e -> assertThat(code(e)).isEqualTo("invite_not_found"));
    }

    @Test
    void lastOwner_cannotLeave_membersCanLeave_onlyOwnersRemoveOthers() {
        FamilyId family = aliceFamily();
        Invite invite = families.create(alice, family);
        families.accept(bob, invite.code());
        families.accept(carol, invite.code());

        assertThatThrownBy(() -> families.remove(alice, family, alice))
                .satisfies(e -> assertThat(code(e)).isEqualTo("last_owner"));
        assertThatThrownBy(() -> families.remove(bob, family, alice))
                .satisfies(e -> assertThat(code(e)).isEqualTo("not_family_owner"));
        assertThatThrownBy(() -> families.remove(bob, family, carol))
                .satisfies(e -> assertThat(code(e)).isEqualTo("not_family_owner"));
        families.remove(bob, family, bob);
        families.remove(alice, family, carol);
        assertThat(families.get(alice, family).members())
                .extracting(m -> m.userId())
                .containsExactly(alice);
        assertThatThrownBy(() -> families.remove(alice, family, bob))
                .satisfies(e -> assertThat(code(e)).isEqualTo("member_not_found"));
    }

    @Test
    void albums_createRenameListDelete_andNonEmptyIsKept() {
        FamilyId family = aliceFamily();
        Album album = albums.create(alice, family, new DisplayName("2026 春节"));
        Album renamed = albums.rename(alice, album.id(), new DisplayName("春节"));
        assertThat(albums.list(alice, family))
                .singleElement()
                .satisfies(s -> assertThat(s.album().name()).isEqualTo(renamed.name()));

        ContentHash hash = new ContentHash("9e107d9d372bb6826bd81d3542a419d6");
        StoredObject object = store.media.saveIfAbsent(StoredObject.verified(
                family,
                hash,
                ByteSize.ofBytes(3),
                ObjectKey.forContent(family, hash, FileFormat.JPEG),
                FileFormat.JPEG,
                clock.instant()));
        store.media.saveIfAbsent(
                MediaFile.record(album.id(), alice, new FileName("a.jpg"), object, null, clock.instant()));

        assertThatThrownBy(() -> albums.delete(alice, album.id()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("album_not_empty"));
        assertThat(albums.list(alice, family))
                .singleElement()
                .satisfies(s -> assertThat(s.photoCount()).isEqualTo(1));
        Album empty = albums.create(alice, family, new DisplayName("empty"));
        assertThatThrownBy(() -> albums.delete(bob, empty.id()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("album_not_found"));
        albums.delete(alice, empty.id());
        assertThat(store.albums.findAlbum(empty.id())).isEmpty();
        clock.advance(Duration.ofSeconds(1));
    }
}
