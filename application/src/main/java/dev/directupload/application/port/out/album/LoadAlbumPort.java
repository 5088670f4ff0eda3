package dev.directupload.application.port.out.album;

import dev.directupload.domain.album.Album;
import dev.directupload.domain.album.AlbumId;
import java.util.Optional;

/** Loads an album by id. */
public interface LoadAlbumPort {

    Optional<Album> findAlbum(AlbumId id);
}
