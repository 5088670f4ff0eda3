package dev.directupload.adapter.localstorage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.adapter.localstorage.signing.LocalSts;
import dev.directupload.application.contract.storage.FormVocabulary;
import dev.directupload.application.contract.storage.SignUploadFormContract;
import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

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

    /** A batch shares credentials, instant and signing key: each of its forms is the one sign gives alone. */
    @Test
    void signAll_givesExactlyTheFormsOfSign() {
        List<UploadFormRequest> requests = List.of(
                exact(Set.of("image/jpeg"), Duration.ofMinutes(10)),
                exact(Set.of("video/mp4"), Duration.ofMinutes(10)),
                exact(Set.of("image/jpeg"), Duration.ofMinutes(5)));

        List<UploadForm> batch = adapter.signAll(requests);

        for (int i = 0; i < requests.size(); i++) {
            UploadForm alone = adapter.sign(requests.get(i));
            assertThat(batch.get(i).fields()).isEqualTo(alone.fields());
            assertThat(batch.get(i).url()).isEqualTo(alone.url());
            assertThat(batch.get(i).expiresAt()).isEqualTo(alone.expiresAt());
        }
    }

    /** The emulated STS credentials live an hour from their issue (whole seconds). */
    @Override
    protected Optional<Instant> credentialsExpireAt() {
        return Optional.of(Instant.parse("2026-05-01T11:00:00Z"));
    }
}
