package dev.directupload.application.port.out.album;

import dev.directupload.application.port.model.AlbumSummary;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import java.util.List;

/** Stores albums (single reads go through {@link LoadAlbumPort}). */
public interface AlbumPort extends LoadAlbumPort {

    void insertAlbum(Album album);

    /**
     * Renames an existing album: an update of its name only, never an insert, so a rename racing the album's
     * deletion cannot bring it back.
     *
     * @return false when the album no longer exists
     */
    boolean renameAlbum(Album renamed);

    /** A family's albums with their photo counts, oldest first. */
    List<AlbumSummary> listAlbums(FamilyId family);

    /** Deletes the album only if it holds no photo, atomically; false when it holds photos. */
    boolean deleteIfEmpty(AlbumId album);
}
