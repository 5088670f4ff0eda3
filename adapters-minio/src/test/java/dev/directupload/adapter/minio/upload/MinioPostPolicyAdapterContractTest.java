package dev.directupload.adapter.minio.upload;

import dev.directupload.adapter.minio.MinioClients;
import dev.directupload.adapter.minio.MinioProperties;
import dev.directupload.adapter.minio.testing.ClosedPort;
import dev.directupload.application.contract.storage.FormVocabulary;
import dev.directupload.application.contract.storage.SignUploadFormContract;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import io.minio.MinioClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;

/** The MinIO adapter under the shared upload-form contract (signing makes no call, so no server is needed). */
class MinioPostPolicyAdapterContractTest extends SignUploadFormContract {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.890Z");

    private final MinioProperties properties = new MinioProperties(
            ClosedPort.url(), "https://upload.example.com", null, "album-bucket", "AKIATEST", "secret-for-tests");
    private final MinioClient client = MinioClient.builder()
            .endpoint(properties.endpoint())
            .region(properties.region())
            .credentials(properties.accessKey(), properties.secretKey())
            .build();
    private final MinioPostPolicyAdapter adapter =
            new MinioPostPolicyAdapter(new MinioClients(client, client), properties, Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void closeClient() throws Exception {
        client.close();
    }

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
        return FormVocabulary.S3_SIGV4;
    }

    /** S3 POST forms have no forbid-overwrite field: such a request is refused. */
    @Override
    protected boolean forbidsOverwrite() {
        return false;
    }

    /** S3 POST policies have no {@code in}: a request allowing several types is refused. */
    @Override
    protected boolean pinsSeveralContentTypes() {
        return false;
    }
}
