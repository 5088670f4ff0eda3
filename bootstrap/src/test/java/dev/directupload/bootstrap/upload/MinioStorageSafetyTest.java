package dev.directupload.bootstrap.upload;

import dev.directupload.adapter.minio.testing.S3ProxyServer;
import dev.directupload.bootstrap.support.FakeWechat;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 11's scenarios with {@code storage.provider=minio} against s3proxy (a real S3 server checking POST
 * policies), users logging in through a fake WeChat.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MinioStorageSafetyTest extends StorageSafetyScenarios implements TestPropertyProvider {

    private final FakeWechat wechat = new FakeWechat();

    @Override
    public Map<String, String> getProperties() {
        S3ProxyServer s3 = S3ProxyServer.shared();
        Map<String, String> properties = settings();
        s3.minioSettings(s3.createBucket("safety-" + System.nanoTime()))
                .forEach((k, v) -> properties.put(k, v.toString()));
        properties.put("auth.jwt.secret", "e2e-test-secret-of-more-than-32-characters");
        properties.put("wechat.app-id", FakeWechat.APP_ID);
        properties.put("wechat.app-secret", FakeWechat.APP_SECRET);
        properties.put("wechat.api-base-url", wechat.baseUrl());
        return properties;
    }

    @Override
    boolean devLogin() {
        return false;
    }

    @Override
    boolean formsForbidOverwrite() {
        return false;
    }

    /** s3proxy checks a form against real time, which the test never moves: nothing to wait for. */
    @Override
    void awaitStoreReceiving(int uploads) {}

    @AfterAll
    void stopWechat() {
        wechat.close();
    }
}
