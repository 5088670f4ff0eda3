package dev.directupload.domain.upload;

import dev.directupload.domain.shared.Identifiers;

/** Opaque id of a upload. */
public record UploadId(String value) {

    public UploadId {
        Identifiers.require("upload_id", value);
    }

    public static UploadId newId() {
        return new UploadId(Identifiers.random("up_"));
    }

    @Override
    public String toString() {
        return value;
    }
}
