package dev.directupload.application.port.out.callback;

import dev.directupload.application.port.model.SignedCallback;

/** Tells whether an upload callback was signed by the storage service itself. */
public interface VerifyCallbackSignaturePort {

    /**
     * @throws dev.directupload.application.shared.DependencyUnavailableException {@code storage_unavailable} when the
     *     trusted public key cannot be had right now
     */
    CallbackSignature verify(SignedCallback callback);
}
