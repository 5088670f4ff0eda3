package dev.directupload.application.port.out.storage;

import dev.directupload.domain.storage.KeyPrefix;

/** Issues credentials that may only write ({@code PutObject}) under one prefix (OSS: STS AssumeRole). */
public interface TemporaryCredentialsPort {

    /**
     * @throws dev.directupload.application.shared.DependencyUnavailableException
     *     {@code storage_credentials_unavailable} when the issuer fails
     */
    TemporaryCredentials credentialsFor(KeyPrefix scope);
}
