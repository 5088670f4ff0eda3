package dev.directupload.application.service.album;

import dev.directupload.application.port.in.album.ListAlbumsUseCase;
import dev.directupload.application.port.model.AlbumSummary;
import dev.directupload.application.port.out.album.AlbumPort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import java.util.List;

/** Lists a family's albums with their photo counts, for its members. */
public final class ListAlbumsService implements ListAlbumsUseCase {

    private final AlbumPort albums;
    private final FamilyAccess access;

    public ListAlbumsService(AlbumPort albums, FamilyAccess access) {
        this.albums = albums;
        this.access = access;
    }

    @Override
    public List<AlbumSummary> list(UserId caller, FamilyId family) {
        access.requireMember(family, caller);
        return albums.listAlbums(family);
    }
}
