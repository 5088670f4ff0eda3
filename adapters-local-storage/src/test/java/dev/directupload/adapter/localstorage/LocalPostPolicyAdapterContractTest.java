package dev.directupload.adapter.localstorage;

import dev.directupload.adapter.localstorage.signing.LocalSts;
import dev.directupload.application.contract.storage.FormVocabulary;
import dev.directupload.application.contract.storage.SignUploadFormContract;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** The local store's form signer under the shared upload-form contract. */
class LocalPostPolicyAdapterContractTest extends SignUploadFormContract {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00.250Z");

    private final LocalStorageProperties properties = new LocalStorageProperties(
            Path.of("unused"),
            "album-local",
            "cn-hangzhou",
            "LTAIlocal",
            "local-secret",
            "http://files.example",
            64,
            0);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final LocalPostPolicyAdapter adapter = new LocalPostPolicyAdapter(
            properties,
            new LocalSts(clock),
            new BucketUrl(properties, () -> {
                throw new AssertionError("the public URL is configured; no server is asked");
            }),
            clock);

    @Override
    protected SignUploadFormPort port() {
        return adapter;
    }

    @Override
    protected String bucket() {
        return "album-local";
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

    /** The emulated STS credentials live an hour from their issue (whole seconds). */
    @Override
    protected Optional<Instant> credentialsExpireAt() {
        return Optional.of(Instant.parse("2026-05-01T11:00:00Z"));
    }
}
