package dev.directupload.application.port.in.upload;

import dev.directupload.application.port.model.SignedCallback;
import java.util.Objects;
import java.util.Optional;

/**
 * An upload callback as received: the signed request, and what its body says once read as the callback body the
 * service asked for. Nothing of the body counts before the signature is checked.
 *
 * @param uploadId the body's {@code upload_id}, when it has a string there
 * @param object the body's {@code object} (the stored object's key), when it has a string there
 */
public record UploadCallback(SignedCallback signed, Optional<String> uploadId, Optional<String> object) {

    public UploadCallback {
        Objects.requireNonNull(signed, "signed");
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(object, "object");
    }
}
