package dev.directupload.adapter.minio;

import dev.directupload.adapter.minio.testing.S3ProxyServer;
import dev.directupload.application.contract.storage.CopyAndListContract;
import dev.directupload.application.port.out.storage.CopyObjectPort;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.ListObjectsPort;
import dev.directupload.domain.storage.ObjectKey;
import io.micronaut.context.ApplicationContext;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/** The MinIO copy and listing adapters, wired by Micronaut, under the shared contract against s3proxy. */
class MinioCopyAndListS3ProxyTest extends CopyAndListContract {

    private static final String BUCKET = "album-copy-list";

    private static ApplicationContext context;
    private static MinioClient client;

    /** Per test, not in {@code @BeforeAll}: without s3proxy each test then reports as skipped, not just the class. */
    @BeforeEach
    void startContext() {
        S3ProxyServer server = S3ProxyServer.shared();
        if (context != null) {
            return;
        }
        server.createBucket(BUCKET);
        context = ApplicationContext.run(server.minioSettings(BUCKET));
        client = server.newClient();
    }

    @AfterAll
    static void stopContext() throws Exception {
        if (context != null) {
            context.close();
            client.close();
            context = null;
        }
    }

    @Override
    protected CopyObjectPort copies() {
        return context.getBean(CopyObjectPort.class);
    }

    @Override
    protected ListObjectsPort listings() {
        return context.getBean(ListObjectsPort.class);
    }

    @Override
    protected InspectObjectPort inspector() {
        return context.getBean(InspectObjectPort.class);
    }

    @Override
    protected void store(ObjectKey key, byte[] content, String contentType) throws Exception {
        client.putObject(PutObjectArgs.builder().bucket(BUCKET).object(key.value()).contentType(contentType).stream(
                        new ByteArrayInputStream(content), content.length, -1)
                .build());
    }

    @Override
    protected byte[] read(ObjectKey key) throws Exception {
        try (InputStream in = client.getObject(
                GetObjectArgs.builder().bucket(BUCKET).object(key.value()).build())) {
            return in.readAllBytes();
        }
    }
}
