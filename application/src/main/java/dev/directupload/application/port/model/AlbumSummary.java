package dev.directupload.application.port.model;

import dev.directupload.domain.album.Album;
import java.util.Objects;

/** An album and how many photos it holds. */
public record AlbumSummary(Album album, long photoCount) {

    public AlbumSummary {
        Objects.requireNonNull(album, "album");
    }
}
