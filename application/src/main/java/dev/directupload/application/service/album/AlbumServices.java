package dev.directupload.application.service.album;

import dev.directupload.application.port.in.album.CreateAlbumUseCase;
import dev.directupload.application.port.in.album.DeleteAlbumUseCase;
import dev.directupload.application.port.in.album.ListAlbumsUseCase;
import dev.directupload.application.port.in.album.RenameAlbumUseCase;
import dev.directupload.application.port.out.album.AlbumPort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.ConflictException;
import dev.directupload.domain.shared.DisplayName;
import java.time.Clock;
import java.util.List;

/** Albums of a family: any member may create, rename and delete (empty) albums. */
public final class AlbumServices
        implements CreateAlbumUseCase, ListAlbumsUseCase, RenameAlbumUseCase, DeleteAlbumUseCase {

    private final AlbumPort albums;
    private final FamilyAccess access;
    private final Clock clock;

    public AlbumServices(AlbumPort albums, FamilyAccess access, Clock clock) {
        this.albums = albums;
        this.access = access;
        this.clock = clock;
    }

    @Override
    public Album create(UserId caller, FamilyId family, DisplayName name) {
        access.requireMember(family, caller);
        Album album = Album.create(family, name, clock.instant());
        albums.saveAlbum(album);
        return album;
    }

    @Override
    public List<AlbumPort.AlbumSummary> list(UserId caller, FamilyId family) {
        access.requireMember(family, caller);
        return albums.listAlbums(family);
    }

    @Override
    public Album rename(UserId caller, AlbumId albumId, DisplayName name) {
        Album renamed = access.requireVisibleAlbum(albumId, caller).rename(name);
        albums.saveAlbum(renamed);
        return renamed;
    }

    @Override
    public void delete(UserId caller, AlbumId albumId) {
        access.requireVisibleAlbum(albumId, caller);
        if (!albums.deleteIfEmpty(albumId)) {
            throw new ConflictException("album_not_empty", "album " + albumId + " still holds photos");
        }
    }
}
