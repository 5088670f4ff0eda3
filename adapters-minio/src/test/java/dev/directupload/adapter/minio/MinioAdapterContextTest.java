package dev.directupload.adapter.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.directupload.adapter.minio.testing.ClosedPort;
import dev.directupload.adapter.minio.testing.MultipartPost;
import dev.directupload.adapter.minio.testing.S3ProxyServer;
import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.storage.CopyObjectPort;
import dev.directupload.application.port.out.storage.DeleteObjectPort;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.ListObjectsPort;
import dev.directupload.application.port.out.storage.PresignDownloadPort;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.storage.ObjectKey;
import io.micronaut.context.ApplicationContext;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The adapter inside a Micronaut context: activation by {@code storage.provider}, fail-fast start on a missing
 * setting, an unreachable endpoint, refused credentials or a missing bucket; {@code minio.public-url} honoured.
 */
class MinioAdapterContextTest {

    private static Map<String, Object> complete(String endpoint) {
        Map<String, Object> config = new HashMap<>();
        config.put("storage.provider", "minio");
        config.put("minio.endpoint", endpoint);
        config.put("minio.bucket", "albums");
        config.put("minio.access-key", "test-access");
        config.put("minio.secret-key", "test-secret");
        return config;
    }

    @Test
    void missingSetting_failsStartNamingIt() {
        for (String missing : new String[] {"minio.endpoint", "minio.bucket", "minio.access-key", "minio.secret-key"}) {
            Map<String, Object> config = complete(ClosedPort.url());
            config.remove(missing);
            Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(
                    RuntimeException.class, () -> ApplicationContext.run(config).close());
            assertThat(dev.directupload.settings.InvalidSettingsException.findIn(thrown)
                            .problems())
                    .as(missing)
                    .containsExactly(new dev.directupload.settings.Problem(
                            missing, null, "required with storage.provider=minio"));
        }
    }

    @Test
    void unreachableEndpoint_failsStartQuicklyNamingIt() {
        String endpoint = ClosedPort.url();
        long started = System.nanoTime();
        assertThatThrownBy(() -> ApplicationContext.run(complete(endpoint)).close())
                .hasStackTraceContaining("MinIO storage at " + endpoint + " (minio.endpoint) is unreachable");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void otherProvider_activatesNothingAndNeedsNoMinioSettings() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("storage.provider", "local"))) {
            assertThat(context.findBean(SignUploadFormPort.class)).isEmpty();
            assertThat(context.findBean(InspectObjectPort.class)).isEmpty();
            assertThat(context.findBean(PresignDownloadPort.class)).isEmpty();
            assertThat(context.findBean(DeleteObjectPort.class)).isEmpty();
            assertThat(context.findBean(CopyObjectPort.class)).isEmpty();
            assertThat(context.findBean(ListObjectsPort.class)).isEmpty();
            assertThat(context.findBean(MinioProperties.class)).isEmpty();
            assertThat(context.findBean(MinioClients.class)).isEmpty();
        }
    }

    @Test
    void refusedCredentials_failStartNamingTheKeySettings() {
        S3ProxyServer server = S3ProxyServer.shared();
        Map<String, Object> config = server.minioSettings(server.createBucket("albums-creds"));
        config.put("minio.secret-key", "not-the-secret");
        assertThatThrownBy(() -> ApplicationContext.run(config).close())
                .hasStackTraceContaining("refused to check bucket albums-creds")
                .hasStackTraceContaining("check minio.access-key / minio.secret-key");
    }

    @Test
    void shutdown_closesTheClients() {
        S3ProxyServer server = S3ProxyServer.shared();
        ApplicationContext context = ApplicationContext.run(server.minioSettings(server.createBucket("albums-close")));
        MinioClients clients = context.getBean(MinioClients.class);
        InspectObjectPort inspector = context.getBean(InspectObjectPort.class);
        assertThat(inspector.inspect(new ObjectKey("families/f_1/x.jpg"))).isEmpty();
        context.close();
        // a closed io.minio client has shut its HTTP dispatcher down: calls are rejected, not sent
        assertThatThrownBy(() -> clients.service()
                        .bucketExists(io.minio.BucketExistsArgs.builder()
                                .bucket("albums-close")
                                .build()))
                .hasStackTraceContaining("RejectedExecutionException");
    }

    @Test
    void missingBucket_failsStartNamingIt() {
        S3ProxyServer server = S3ProxyServer.shared();
        assertThatThrownBy(() -> ApplicationContext.run(server.minioSettings("no-such-bucket"))
                        .close())
                .hasStackTraceContaining(
                        "MinIO bucket no-such-bucket (minio.bucket) does not exist at " + server.endpoint());
    }

    @Test
    void publicUrl_isWhereFormsPostAndPresignedGetsPoint() throws Exception {
        S3ProxyServer server = S3ProxyServer.shared();
        Map<String, Object> config = server.minioSettings(server.createBucket("albums-public"));
        // the same server under another host name: what clients see differs from what the service calls
        String publicUrl = "http://localhost:" + server.port();
        config.put("minio.public-url", publicUrl);
        try (ApplicationContext context = ApplicationContext.run(config)) {
            FamilyId family = new FamilyId("f_1");
            ObjectKey key = new ObjectKey("families/f_1/objects/ab/public.txt");
            byte[] content = "hello through the public url".getBytes(StandardCharsets.UTF_8);
            UploadForm form = context.getBean(SignUploadFormPort.class)
                    .sign(new UploadFormRequest(
                            family,
                            new KeyCondition.Exact(key),
                            SizeRange.exactly(ByteSize.ofBytes(content.length)),
                            Set.of("text/plain"),
                            Duration.ofMinutes(5)));
            assertThat(form.url()).isEqualTo(publicUrl + "/albums-public");
            assertThat(MultipartPost.post(form.url(), form.fields(), "public.txt", content)
                            .statusCode())
                    .isEqualTo(200);

            String url = context.getBean(PresignDownloadPort.class)
                    .presign(key, Duration.ofMinutes(10))
                    .url();
            assertThat(url).startsWith(publicUrl + "/albums-public/" + key.value() + "?");
            HttpResponse<byte[]> fetched = MultipartPost.get(url);
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(fetched.body()).isEqualTo(content);
            // the host is signed: the same query on the service endpoint does not verify
            assertThat(MultipartPost.get(url.replace(publicUrl, server.endpoint()))
                            .statusCode())
                    .isEqualTo(403);

            context.getBean(DeleteObjectPort.class).delete(key);
            assertThat(context.getBean(InspectObjectPort.class).inspect(key)).isEmpty();
        }
    }
}
