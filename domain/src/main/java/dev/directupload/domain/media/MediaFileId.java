package dev.directupload.domain.media;

import dev.directupload.domain.shared.Identifiers;

/** Opaque id of a photo. */
public record MediaFileId(String value) {

    public MediaFileId {
        Identifiers.require("photo_id", value);
    }

    public static MediaFileId newId() {
        return new MediaFileId(Identifiers.random("p_"));
    }

    @Override
    public String toString() {
        return value;
    }
}
