package dev.directupload.application.port.in.album;

import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.identity.UserId;

/** Deletes an empty album of one of the caller's families. */
public interface DeleteAlbumUseCase {

    void delete(UserId caller, AlbumId album);
}
