package dev.directupload.application.service.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.directupload.application.harness.InMemoryMetadataStore;
import dev.directupload.application.harness.InMemoryObjectStorage;
import dev.directupload.application.harness.MutableClock;
import dev.directupload.application.port.in.family.FamilyView;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.application.service.album.CreateAlbumService;
import dev.directupload.application.service.album.DeleteAlbumService;
import dev.directupload.application.service.album.ListAlbumsService;
import dev.directupload.application.service.album.RenameAlbumService;
import dev.directupload.application.service.media.ObjectJanitor;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.family.FamilyQuota;
import dev.directupload.domain.family.Invite;
import dev.directupload.domain.family.InviteCode;
import dev.directupload.domain.family.Role;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.media.FileName;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.media.Placement;
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
    private final CreateFamilyService createFamily =
            new CreateFamilyService(store.families, store.families, store.transactions, clock);
    private final ListFamiliesService listFamilies = new ListFamiliesService(store.families, store.families);
    private final GetFamilyService getFamily =
            new GetFamilyService(store.families, store.families, access, store.usage, FamilyQuota.defaults());
    private final CreateInviteService createInvite = new CreateInviteService(store.families, access, clock);
    private final AcceptInviteService acceptInvite =
            new AcceptInviteService(store.families, store.families, store.families, store.transactions, clock);
    private final RemoveMemberService removeMember = new RemoveMemberService(store.families, access);
    private final CreateAlbumService createAlbum = new CreateAlbumService(store.albums, access, clock);
    private final ListAlbumsService listAlbums = new ListAlbumsService(store.albums, access);
    private final RenameAlbumService renameAlbum = new RenameAlbumService(store.albums, access);
    private final DeleteAlbumService deleteAlbum = new DeleteAlbumService(
            store.albums,
            store.uploads,
            new ObjectJanitor(store.media, store.keyGuard, new InMemoryObjectStorage(clock), store.transactions, clock),
            access,
            store.transactions);
    private final UserId alice = new UserId("u_alice");
    private final UserId bob = new UserId("u_bob");
    private final UserId carol = new UserId("u_carol");

    private static String code(Throwable e) {
        return ((DomainException) e).code().wireName();
    }

    private FamilyId aliceFamily() {
        return createFamily.create(alice, new DisplayName("Wang")).family().id();
    }

    @Test
    void creator_isTheOwner_andSeesTheFamily() {
        FamilyView created = createFamily.create(alice, new DisplayName(" Wang family "));

        assertThat(created.role()).isEqualTo(Role.OWNER);
        assertThat(listFamilies.list(alice))
                .extracting(v -> v.family().name().value())
                .containsExactly("Wang family");
        assertThat(listFamilies.list(bob)).isEmpty();
        assertThat(getFamily.get(alice, created.family().id()).members())
                .singleElement()
                .satisfies(m -> assertThat(m.userId()).isEqualTo(alice));
    }

    @Test
    void nonMember_seesNotFound() {
        FamilyId family = aliceFamily();
        assertThatThrownBy(() -> getFamily.get(bob, family))
                .satisfies(e -> assertThat(code(e)).isEqualTo("family_not_found"));
        assertThatThrownBy(() -> createAlbum.create(bob, family, new DisplayName("x")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("family_not_found"));
    }

    @Test
    void invite_joinsAsMember_andAcceptingTwiceUsesItOnce() {
        FamilyId family = aliceFamily();
        Invite invite = createInvite.create(alice, family);

        assertThat(acceptInvite.accept(bob, invite.code()).role()).isEqualTo(Role.MEMBER);
        assertThat(acceptInvite.accept(bob, invite.code()).role()).isEqualTo(Role.MEMBER);
        assertThat(store.families.findInvite(invite.code()).orElseThrow().uses())
                .isEqualTo(1);
        assertThat(acceptInvite.accept(alice, invite.code()).role()).isEqualTo(Role.OWNER);
    }

    @Test
    void onlyOwners_invite() {
        FamilyId family = aliceFamily();
        acceptInvite.accept(bob, createInvite.create(alice, family).code());

        assertThatThrownBy(() -> createInvite.create(bob, family))
                .satisfies(e -> assertThat(code(e)).isEqualTo("not_family_owner"));
        assertThatThrownBy(() -> createInvite.create(carol, family))
                .satisfies(e -> assertThat(code(e)).isEqualTo("family_not_found"));
    }

    @Test
    void expiredInvite_isRefused_andChangesNothing() {
        FamilyId family = aliceFamily();
        Invite invite = createInvite.create(alice, family);
        clock.advance(Invite.DEFAULT_TTL);

        assertThatThrownBy(() -> acceptInvite.accept(bob, invite.code()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("invite_expired"));
        assertThat(store.families.findMembership(family, bob)).isEmpty();
    }

    @Test
    void inviteUsedUp_afterMaxUses() {
        FamilyId family = aliceFamily();
        Invite invite = createInvite.create(alice, family);
        for (int i = 0; i < Invite.DEFAULT_MAX_USES; i++) {
            acceptInvite.accept(new UserId("u_guest" + i), invite.code());
        }

        assertThatThrownBy(() -> acceptInvite.accept(carol, invite.code()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("invite_used_up"));
        assertThat(store.families.findMembership(family, carol)).isEmpty();
    }

    @Test
    void unknownOrMalformedInvite_isNotFound() {
        assertThatThrownBy(() -> acceptInvite.accept(bob, InviteCode.random()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("invite_not_found"));
        assertThatThrownBy(() -> new InviteCode("../../etc"))
                .satisfies(e -> assertThat(code(e)).isEqualTo("invite_not_found"));
    }

    @Test
    void lastOwner_cannotLeave_membersCanLeave_onlyOwnersRemoveOthers() {
        FamilyId family = aliceFamily();
        Invite invite = createInvite.create(alice, family);
        acceptInvite.accept(bob, invite.code());
        acceptInvite.accept(carol, invite.code());

        assertThatThrownBy(() -> removeMember.remove(alice, family, alice))
                .satisfies(e -> assertThat(code(e)).isEqualTo("last_owner"));
        assertThatThrownBy(() -> removeMember.remove(bob, family, alice))
                .satisfies(e -> assertThat(code(e)).isEqualTo("not_family_owner"));
        assertThatThrownBy(() -> removeMember.remove(bob, family, carol))
                .satisfies(e -> assertThat(code(e)).isEqualTo("not_family_owner"));
        removeMember.remove(bob, family, bob);
        removeMember.remove(alice, family, carol);
        assertThat(getFamily.get(alice, family).members())
                .extracting(m -> m.userId())
                .containsExactly(alice);
        assertThatThrownBy(() -> removeMember.remove(alice, family, bob))
                .satisfies(e -> assertThat(code(e)).isEqualTo("member_not_found"));
    }

    @Test
    void albums_createRenameListDelete_andNonEmptyIsKept() {
        FamilyId family = aliceFamily();
        Album album = createAlbum.create(alice, family, new DisplayName("2026 春节"));
        Album renamed = renameAlbum.rename(alice, album.id(), new DisplayName("春节"));
        assertThat(listAlbums.list(alice, family))
                .singleElement()
                .satisfies(s -> assertThat(s.album().name()).isEqualTo(renamed.name()));

        ContentHash hash = new ContentHash("9e107d9d372bb6826bd81d3542a419d6");
        StoredObject object = store.media.saveIfAbsent(StoredObject.verified(
                family,
                new FileContent(hash, ByteSize.ofBytes(3)),
                ObjectKey.forContent(family, hash, FileFormat.JPEG),
                FileFormat.JPEG,
                clock.instant()));
        store.media.saveIfAbsent(MediaFile.record(
                new Placement(object.familyId(), album.id(), alice),
                new FileName("a.jpg"),
                object,
                null,
                clock.instant()));

        assertThatThrownBy(() -> deleteAlbum.delete(alice, album.id()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("album_not_empty"));
        assertThat(listAlbums.list(alice, family))
                .singleElement()
                .satisfies(s -> assertThat(s.photoCount()).isEqualTo(1));
        Album empty = createAlbum.create(alice, family, new DisplayName("empty"));
        assertThatThrownBy(() -> deleteAlbum.delete(bob, empty.id()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("album_not_found"));
        deleteAlbum.delete(alice, empty.id());
        assertThat(store.albums.findAlbum(empty.id())).isEmpty();
        clock.advance(Duration.ofSeconds(1));
    }
}
