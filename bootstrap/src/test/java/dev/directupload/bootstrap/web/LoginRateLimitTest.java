package dev.directupload.bootstrap.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.bootstrap.support.Api;
import dev.directupload.bootstrap.support.Api.Answer;
import dev.directupload.bootstrap.support.FakeWechat;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /auth/*} is limited per client address (a WeChat login calls WeChat every time): the connection's
 * address, whatever {@code X-Forwarded-For} says, unless the connection comes from a trusted proxy.
 */
class LoginRateLimitTest {

    private static final FakeWechat WECHAT = new FakeWechat();

    @AfterAll
    static void stopWechat() {
        WECHAT.close();
    }

    private static EmbeddedServer start(String trustedProxies) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("wechat.app-id", FakeWechat.APP_ID);
        properties.put("wechat.app-secret", FakeWechat.APP_SECRET);
        properties.put("wechat.api-base-url", WECHAT.baseUrl());
        properties.put("upload.rate-limit.login-capacity", 3);
        properties.put("upload.rate-limit.login-per-minute", 1);
        if (trustedProxies != null) {
            properties.put("upload.rate-limit.trusted-proxies", trustedProxies);
        }
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    private static Answer wechatLogin(Api api, String user, String forwardedFor) {
        var request = HttpRequest.POST("/auth/wechat/login", Map.of("code", "good-" + user));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return api.call(request, null);
    }

    @Test
    void theFourthLoginFromOneAddressIn_aMinute_is429_andNeverReachesWechat_whateverForwardedForSays() {
        try (EmbeddedServer server = start(null);
                HttpClient http = client(server)) {
            Api api = new Api(http.toBlocking(), false);
            for (int i = 0; i < 3; i++) {
                assertThat(wechatLogin(api, "ip-" + i, "198.51.100." + i).status())
                        .isEqualTo(200);
            }
            int wechatCalls = WECHAT.calls();

            Answer limited = wechatLogin(api, "ip-3", "198.51.100.3");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.text("code")).isEqualTo("rate_limited");
            assertThat(Integer.parseInt(limited.header("Retry-After")))
                    .as("one login refills a minute after the first")
                    .isBetween(50, 60);
            Answer dev = api.post("/auth/dev/login", Map.of("user", "dev-user"), null);
            assertThat(dev.status())
                    .as("every POST /auth/* shares the address's bucket")
                    .isEqualTo(429);
            assertThat(WECHAT.calls()).as("refused logins never call WeChat").isEqualTo(wechatCalls);
        }
    }

    @Test
    void behindATrustedProxy_eachForwardedClientHasItsOwnBucket_andAForgedEntryDoesNotHelp() {
        try (EmbeddedServer server = start("127.0.0.1,::1");
                HttpClient http = client(server)) {
            Api api = new Api(http.toBlocking(), false);
            for (int i = 0; i < 3; i++) {
                assertThat(wechatLogin(api, "p-" + i, "198.51.100.1").status()).isEqualTo(200);
            }
            assertThat(wechatLogin(api, "p-3", "198.51.100.1").status()).isEqualTo(429);
            assertThat(wechatLogin(api, "p-4", "203.0.113.9, 198.51.100.1").status())
                    .as("a client-written entry left of the proxy's is not believed")
                    .isEqualTo(429);
            assertThat(wechatLogin(api, "p-5", "198.51.100.2").status()).isEqualTo(200);
            assertThat(wechatLogin(api, "p-6", null).status())
                    .as("no header: the proxy's own address")
                    .isEqualTo(200);
        }
    }

    /** A client of {@code server} that waits up to a minute for an answer (the machine may be busy). */
    private static HttpClient client(EmbeddedServer server) {
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setReadTimeout(Duration.ofSeconds(60));
        return HttpClient.create(server.getURL(), configuration);
    }
}
