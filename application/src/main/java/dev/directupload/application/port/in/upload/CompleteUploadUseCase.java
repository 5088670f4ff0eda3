package dev.directupload.application.port.in.upload;

import dev.directupload.application.port.in.photo.Photo;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.upload.UploadId;

/** Checks an uploaded object against storage and records its photo; idempotent. */
public interface CompleteUploadUseCase {

    /**
     * @throws dev.directupload.domain.shared.NotFoundException {@code upload_not_found} unless the caller
     *     created the slot
     * @throws dev.directupload.domain.shared.ConflictException {@code object_not_found} (retry later) or
     *     {@code upload_verification_failed}
     */
    Photo complete(UserId caller, UploadId upload);
}
