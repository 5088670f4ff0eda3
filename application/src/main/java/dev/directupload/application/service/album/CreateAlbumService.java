package dev.directupload.application.service.album;

import dev.directupload.application.port.in.album.CreateAlbumUseCase;
import dev.directupload.application.port.out.album.AlbumPort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.DisplayName;
import java.time.Clock;

/** Creates an album in one of the caller's families; any member may. */
public final class CreateAlbumService implements CreateAlbumUseCase {

    private final AlbumPort albums;
    private final FamilyAccess access;
    private final Clock clock;

    public CreateAlbumService(AlbumPort albums, FamilyAccess access, Clock clock) {
        this.albums = albums;
        this.access = access;
        this.clock = clock;
    }

    @Override
    public Album create(UserId caller, FamilyId family, DisplayName name) {
        access.requireMember(family, caller);
        Album album = Album.create(family, name, clock.instant());
        albums.insertAlbum(album);
        return album;
    }
}
