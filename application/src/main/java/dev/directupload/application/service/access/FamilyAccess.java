package dev.directupload.application.service.access;

import dev.directupload.application.port.out.album.LoadAlbumPort;
import dev.directupload.application.port.out.family.LoadMembershipPort;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.family.Membership;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.NotFoundException;

/** Who may see what: a family-scoped thing is visible only to members, and "not found" otherwise. */
public final class FamilyAccess {

    private final LoadMembershipPort memberships;
    private final LoadAlbumPort albums;

    public FamilyAccess(LoadMembershipPort memberships, LoadAlbumPort albums) {
        this.memberships = memberships;
        this.albums = albums;
    }

    public Membership requireMember(FamilyId family, UserId user) {
        return memberships
                .findMembership(family, user)
                .orElseThrow(() ->
                        new NotFoundException(ErrorCode.FAMILY_NOT_FOUND, "family " + family + " does not exist"));
    }

    /** The album, when it exists in {@code family} and the caller is a member of that family. */
    public Album requireAlbumIn(AlbumId albumId, FamilyId family, UserId user) {
        requireMember(family, user);
        return albums.findAlbum(albumId)
                .filter(album -> album.belongsTo(family))
                .orElseThrow(() -> albumNotFound(albumId));
    }

    /** The album, when the caller is a member of its family. */
    public Album requireVisibleAlbum(AlbumId albumId, UserId user) {
        Album album = albums.findAlbum(albumId).orElseThrow(() -> albumNotFound(albumId));
        if (memberships.findMembership(album.familyId(), user).isEmpty()) {
            throw albumNotFound(albumId);
        }
        return album;
    }

    private static NotFoundException albumNotFound(AlbumId albumId) {
        return new NotFoundException(ErrorCode.ALBUM_NOT_FOUND, "album " + albumId + " does not exist in this family");
    }
}
