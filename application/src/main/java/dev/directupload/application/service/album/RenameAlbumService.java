package dev.directupload.application.service.album;

import dev.directupload.application.port.in.album.RenameAlbumUseCase;
import dev.directupload.application.port.out.album.AlbumPort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.DisplayName;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.NotFoundException;

/** Renames an album of one of the caller's families. */
public final class RenameAlbumService implements RenameAlbumUseCase {

    private final AlbumPort albums;
    private final FamilyAccess access;

    public RenameAlbumService(AlbumPort albums, FamilyAccess access) {
        this.albums = albums;
        this.access = access;
    }

    @Override
    public Album rename(UserId caller, AlbumId albumId, DisplayName name) {
        Album renamed = access.requireVisibleAlbum(albumId, caller).rename(name);
        if (!albums.renameAlbum(renamed)) {
            throw new NotFoundException(
                    ErrorCode.ALBUM_NOT_FOUND, "album " + albumId + " does not exist in this family");
        }
        return renamed;
    }
}
