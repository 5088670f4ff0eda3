package dev.directupload.bootstrap.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.adapter.minio.testing.S3ProxyServer;
import dev.directupload.bootstrap.support.Api;
import dev.directupload.bootstrap.support.FakeWechat;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The same upload-flow scenarios with {@code storage.provider=minio} against a real S3 server (s3proxy 4.1.0,
 * which checks SigV4 POST signatures and policy conditions), started as a separate process on 127.0.0.1.
 * Skipped with a visible message when s3proxy cannot be started. Users log in through WeChat login (a fake
 * WeChat on 127.0.0.1), since development login exists only with the local store. {@code oss.callback.url} is set and
 * has no effect: S3 POST forms cannot carry an upload callback.
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
        // set, yet ignored: S3 POST forms have no upload callback, and the callback route does not exist
        properties.put("oss.callback.url", "https://api.example.com/oss/callback");
        return properties;
    }

    @Test
    void withACallbackUrl_theCallbackRouteDoesNotExistOnMinio() {
        Api.Answer answer = api().postRaw("/oss/callback", "{\"upload_id\":\"up_1\"}", null);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.text("code")).isEqualTo("not_found");
    }

    @AfterAll
    void stopWechat() {
        wechat.close();
    }
}
