package dev.directupload.adapter.oss.upload;

import dev.directupload.adapter.oss.OssProperties;
import dev.directupload.application.contract.storage.FormVocabulary;
import dev.directupload.application.contract.storage.SignUploadFormContract;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** The OSS adapter under the shared upload-form contract, with STS credentials that expire before a 15-minute form. */
class OssPostPolicyAdapterContractTest extends SignUploadFormContract {

    private static final Instant NOW = Instant.parse("2026-03-15T23:59:58.734Z");
    private static final Instant CREDENTIALS_EXPIRE = NOW.plus(Duration.ofMinutes(12));

    private final OssProperties properties =
            new OssProperties(null, "oss-cn-shanghai", "album-bucket", null, "service-ak", "service-secret", null);
    private final V4PolicySigner signer = new V4PolicySigner(properties);
    private final TemporaryCredentials sts =
            new TemporaryCredentials("STS.key1", "sts/secret+1", Optional.of("CAIS/token=="), CREDENTIALS_EXPIRE);
    private final OssPostPolicyAdapter adapter =
            new OssPostPolicyAdapter((scope, ttl) -> sts, signer, properties, Clock.fixed(NOW, ZoneOffset.UTC));

    @Override
    protected SignUploadFormPort port() {
        return adapter;
    }

    @Override
    protected String bucket() {
        return "album-bucket";
    }

    @Override
    protected Instant now() {
        return NOW;
    }

    @Override
    protected FormVocabulary vocabulary() {
        return FormVocabulary.OSS_V4;
    }

    @Override
    protected boolean forbidsOverwrite() {
        return true;
    }

    @Override
    protected boolean callsBack() {
        return true;
    }

    @Override
    protected Optional<Instant> credentialsExpireAt() {
        return Optional.of(CREDENTIALS_EXPIRE);
    }
}
