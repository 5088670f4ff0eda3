package dev.directupload.application.port.in.upload;

import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;
import java.time.Instant;

/**
 * One file as the client declared it, unvalidated: each file is judged on its own, so a bad one is
 * rejected alone while the others proceed.
 *
 * @param clientRef the client's handle for this file, echoed in the answer (1-64 characters)
 * @param size bytes, may be null when the client sent none
 * @param type the MIME type
 * @param capturedAt when the photo was taken, if known
 */
public record DeclaredFile(String clientRef, String name, Long size, String type, String md5, Instant capturedAt) {

    public DeclaredFile {
        if (clientRef == null || clientRef.isEmpty() || clientRef.length() > 64) {
            throw new InvalidValueException(ErrorCode.INVALID_REQUEST, "client_ref must be 1-64 characters");
        }
    }
}
