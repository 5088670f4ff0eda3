package dev.directupload.application.port.out.storage;

import dev.directupload.application.port.model.UploadForm;

/** Signs a POST form that lets a client upload straight to storage, within the request's limits only. */
public interface SignUploadFormPort {

    /**
     * @throws dev.directupload.application.shared.DependencyUnavailableException
     *     {@code storage_credentials_unavailable} when no valid signing credentials can be had
     */
    UploadForm sign(UploadFormRequest request);
}
