package dev.directupload.application.port.in.upload;

import dev.directupload.application.port.in.photo.Photo;

/**
 * Records an upload the storage reports stored (OSS's upload callback), on the same path as {@code complete}, once
 * the report is proven to come from the storage; idempotent with {@code complete} and the sweeper.
 */
public interface ReceiveUploadCallbackUseCase {

    /**
     * @return the upload's photo, exactly as {@code complete} answers it
     * @throws dev.directupload.domain.shared.ForbiddenException {@code callback_signature_invalid} when the callback
     *     is unsigned, tampered or signed with a key the service does not trust; nothing is recorded
     * @throws dev.directupload.domain.shared.InvalidValueException {@code invalid_callback} when a signed body is not
     *     a callback the service asked for (no upload id, another object); nothing is recorded
     * @throws dev.directupload.domain.shared.NotFoundException {@code upload_not_found} for an unknown upload
     * @throws dev.directupload.domain.shared.ConflictException as {@code complete}: {@code object_not_found},
     *     {@code upload_verification_failed}, ...
     * @throws dev.directupload.application.shared.DependencyUnavailableException {@code storage_unavailable} when the
     *     storage's public key cannot be fetched
     */
    Photo receive(UploadCallback callback);
}
