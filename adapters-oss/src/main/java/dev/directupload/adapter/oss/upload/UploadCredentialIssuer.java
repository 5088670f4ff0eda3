package dev.directupload.adapter.oss.upload;

import dev.directupload.domain.storage.KeyPrefix;
import java.time.Duration;
import java.util.Optional;

/** Where the POST-policy signer gets credentials: fresh enough for a policy of the given TTL. */
interface UploadCredentialIssuer {

    /**
     * Credentials for {@code scope} that are not expired and, unless the issuer's lifetimes are too short for it,
     * outlive {@code policyTtl} plus a minute.
     *
     * @throws dev.directupload.application.shared.DependencyUnavailableException
     *     {@code storage_credentials_unavailable} when none can be had
     */
    TemporaryCredentials forSigning(KeyPrefix scope, Duration policyTtl);

    /**
     * What {@link #forSigning} would answer without a call or a wait (cached, fresh enough), else empty; an issuer
     * that cannot tell answers empty.
     */
    default Optional<TemporaryCredentials> forSigningWithoutWaiting(KeyPrefix scope, Duration policyTtl) {
        return Optional.empty();
    }
}
