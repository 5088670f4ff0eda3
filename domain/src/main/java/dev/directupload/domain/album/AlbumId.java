package dev.directupload.domain.album;

import dev.directupload.domain.shared.Identifiers;

/** Opaque id of a album. */
public record AlbumId(String value) {

    public AlbumId {
        Identifiers.require("album_id", value);
    }

    public static AlbumId newId() {
        return new AlbumId(Identifiers.random("a_"));
    }

    @Override
    public String toString() {
        return value;
    }
}
