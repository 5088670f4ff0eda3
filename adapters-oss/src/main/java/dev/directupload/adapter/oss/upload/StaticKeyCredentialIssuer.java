package dev.directupload.adapter.oss.upload;

import dev.directupload.adapter.oss.OssProperties;
import dev.directupload.domain.storage.KeyPrefix;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Development-only static-key mode (no {@code oss.sts.role-arn}): the "credentials" are the service's RAM key, not
 * narrowed to any prefix, without token and with a far expiry; policies still live at most 15 minutes.
 */
@Singleton
@Requires(property = "storage.provider", value = "oss")
@Requires(missingProperty = "oss.sts.role-arn")
class StaticKeyCredentialIssuer implements UploadCredentialIssuer {

    static final Instant FAR_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

    private final TemporaryCredentials ramKey;

    StaticKeyCredentialIssuer(OssProperties properties) {
        this.ramKey = new TemporaryCredentials(
                properties.accessKeyId(), properties.accessKeySecret(), Optional.empty(), FAR_EXPIRY);
    }

    @Override
    public TemporaryCredentials forSigning(KeyPrefix scope, Duration policyTtl) {
        return ramKey;
    }

    @Override
    public Optional<TemporaryCredentials> forSigningWithoutWaiting(KeyPrefix scope, Duration policyTtl) {
        return Optional.of(ramKey);
    }
}
