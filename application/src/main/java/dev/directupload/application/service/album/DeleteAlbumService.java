package dev.directupload.application.service.album;

import dev.directupload.application.port.in.album.DeleteAlbumUseCase;
import dev.directupload.application.port.out.album.AlbumPort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.ConflictException;
import dev.directupload.domain.shared.ErrorCode;

/** Deletes an album of one of the caller's families, only while it holds no photo. */
public final class DeleteAlbumService implements DeleteAlbumUseCase {

    private final AlbumPort albums;
    private final FamilyAccess access;

    public DeleteAlbumService(AlbumPort albums, FamilyAccess access) {
        this.albums = albums;
        this.access = access;
    }

    @Override
    public void delete(UserId caller, AlbumId albumId) {
        access.requireVisibleAlbum(albumId, caller);
        if (!albums.deleteIfEmpty(albumId)) {
            throw new ConflictException(ErrorCode.ALBUM_NOT_EMPTY, "album " + albumId + " still holds photos");
        }
    }
}
