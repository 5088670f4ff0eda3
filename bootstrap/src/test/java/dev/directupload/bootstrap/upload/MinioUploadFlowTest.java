package dev.directupload.bootstrap.upload;

import dev.directupload.adapter.minio.testing.S3ProxyServer;
import dev.directupload.bootstrap.support.FakeWechat;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The same upload-flow scenarios with {@code storage.provider=minio} against a real S3 server (s3proxy 4.1.0,
 * which checks SigV4 POST signatures and policy conditions), started as a separate process on 127.0.0.1.
 * Skipped with a visible message when s3proxy cannot be started. Users log in through WeChat login (a fake
 * WeChat on 127.0.0.1), since development login exists only with the local store.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MinioUploadFlowTest extends UploadFlowScenarios implements TestPropertyProvider {

    private final FakeWechat wechat = new FakeWechat();

    @Override
    boolean formsForbidOverwrite() {
        return false;
    }

    @Override
    boolean devLogin() {
        return false;
    }

    @Override
    public Map<String, String> getProperties() {
        S3ProxyServer s3 = S3ProxyServer.shared();
        Map<String, String> properties = new HashMap<>();
        s3.minioSettings(s3.createBucket("e2e-" + System.nanoTime()))
                .forEach((k, v) -> properties.put(k, v.toString()));
        properties.put("auth.jwt.secret", "e2e-test-secret-of-more-than-32-characters");
        properties.put("wechat.app-id", FakeWechat.APP_ID);
        properties.put("wechat.app-secret", FakeWechat.APP_SECRET);
        properties.put("wechat.api-base-url", wechat.baseUrl());
        return properties;
    }

    @AfterAll
    void stopWechat() {
        wechat.close();
    }
}
