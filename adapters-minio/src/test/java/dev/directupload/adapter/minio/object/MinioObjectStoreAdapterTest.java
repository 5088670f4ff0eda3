package dev.directupload.adapter.minio.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.directupload.adapter.minio.MinioClients;
import dev.directupload.adapter.minio.MinioProperties;
import dev.directupload.adapter.minio.testing.ClosedPort;
import dev.directupload.application.port.model.DownloadUrl;
import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.domain.storage.ObjectKey;
import io.minio.MinioClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ETag parsing, presigned-URL limits and host, and error translation when the store cannot be reached. */
class MinioObjectStoreAdapterTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.890Z");
    private static final ObjectKey KEY = new ObjectKey("families/f_1/objects/ab/abc.jpg");

    private final MinioProperties properties = new MinioProperties(
            ClosedPort.url(), "https://media.example.com", null, "album-bucket", "AKIATEST", "secret-for-tests");
    private final MinioClient service = client(properties.endpoint());
    private final MinioClient publicSigner = client(properties.publicUrl());
    private final MinioObjectStoreAdapter adapter = new MinioObjectStoreAdapter(
            new MinioClients(service, publicSigner), properties, Clock.fixed(NOW, ZoneOffset.UTC));

    private MinioClient client(String url) {
        return MinioClient.builder()
                .endpoint(url)
                .region(properties.region())
                .credentials(properties.accessKey(), properties.secretKey())
                .build();
    }

    @AfterEach
    void close() throws Exception {
        new MinioClients(service, publicSigner).close();
    }

    @Test
    void presignedGet_isSignedForThePublicUrl_andExpiresAtNowPlusTtl() {
        DownloadUrl url = adapter.presign(KEY, Duration.ofMinutes(30));
        assertThat(url.url())
                .startsWith("https://media.example.com/album-bucket/" + KEY.value() + "?")
                .contains("X-Amz-Expires=1800")
                .contains("X-Amz-Credential=AKIATEST%2F")
                .contains("X-Amz-SignedHeaders=host")
                .contains("X-Amz-Signature=");
        assertThat(url.expiresAt()).isEqualTo(Instant.parse("2026-03-04T05:36:07Z"));
        assertThat(adapter.presign(KEY, Duration.ofDays(7)).url()).contains("X-Amz-Expires=604800");
    }

    @Test
    void presignedGet_ttlOutsideOneSecondToSevenDays_isRefused() {
        assertThatThrownBy(() -> adapter.presign(KEY, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> adapter.presign(KEY, Duration.ofDays(7).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 s .. 7 days");
    }

    @Test
    void unreachableStore_isStorageUnavailable_neverAnEmptyAnswer() {
        assertThatThrownBy(() -> adapter.inspect(KEY))
                .isInstanceOfSatisfying(
                        DependencyUnavailableException.class,
                        e -> assertThat(e.code().wireName()).isEqualTo("storage_unavailable"))
                .hasMessage("MinIO is unavailable");
        assertThatThrownBy(() -> adapter.delete(KEY))
                .isInstanceOfSatisfying(
                        DependencyUnavailableException.class,
                        e -> assertThat(e.code().wireName()).isEqualTo("storage_unavailable"));
    }
}
