package dev.directupload.application.port.in.album;

import dev.directupload.domain.album.Album;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.DisplayName;

/** Renames an album of one of the caller's families. */
public interface RenameAlbumUseCase {

    Album rename(UserId caller, AlbumId album, DisplayName name);
}
