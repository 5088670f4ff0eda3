package dev.directupload.bootstrap.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.directupload.bootstrap.support.Api;
import dev.directupload.bootstrap.support.Api.Answer;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * 503 answers name the dependency that failed (WeChat, STS, OSS) and never carry its own words: every fake
 * dependency here answers with text that must not reach a client (an internal host, a backend's message, its error
 * code), and every answer is checked for it. OSS in STS mode, OSS and STS and WeChat played by one local server.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DependencyOutageTest implements TestPropertyProvider {

    /** What the fake dependencies say; none of it may appear in an answer of the service. */
    private static final List<String> UPSTREAM_WORDS =
            List.of("upstream-secret", "internal-host-17", "ServiceUnavailable", "Read Timeout", "Exception", "<");

    private final HttpServer upstream = start();

    @Inject
    @Client("/")
    HttpClient client;

    private Api api;
    private String token;
    private String userId;
    private String familyId;
    private String albumId;

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/sns/jscode2session", DependencyOutageTest::wechat);
            server.createContext("/", exchange -> answer(exchange, 503, "application/xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <Error><Code>ServiceUnavailable</Code>
                    <Message>upstream-secret: backend db-7 is overloaded</Message>
                    <RequestId>5C3D9175B6FC201293AD4890</RequestId><HostId>internal-host-17</HostId></Error>"""));
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "good-NAME" logs in; "down" is a 502 page, "garbage" not JSON, "slow" too late, anything else refused. */
    private static void wechat(HttpExchange exchange) throws IOException {
        String code = exchange.getRequestURI().getQuery().replaceAll(".*js_code=([^&]*).*", "$1");
        if (code.startsWith("good-")) {
            answer(
                    exchange,
                    200,
                    "text/plain",
                    "{\"openid\":\"open-" + code.substring(5) + "\",\"session_key\":\"k\"}");
        } else if (code.equals("down")) {
            answer(exchange, 502, "text/html", "<html>upstream-secret: nginx at internal-host-17</html>");
        } else if (code.equals("garbage")) {
            answer(exchange, 200, "text/html", "<html>upstream-secret maintenance page</html>");
        } else if (code.equals("slow")) {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "text/plain", "{\"openid\":\"late\"}");
        } else {
            answer(
                    exchange,
                    200,
                    "text/plain",
                    "{\"errcode\":40029,\"errmsg\":\"upstream-secret invalid code, rid: 1\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public Map<String, String> getProperties() {
        String url = "http://127.0.0.1:" + upstream.getAddress().getPort();
        Map<String, String> props = new HashMap<>();
        props.put("storage.provider", "oss");
        props.put("oss.endpoint", url);
        props.put("oss.region", "cn-hangzhou");
        props.put("oss.bucket", "album-bucket");
        props.put("oss.access-key-id", "LTAI-outage-test");
        props.put("oss.access-key-secret", "outage-test-secret");
        props.put("oss.sts.role-arn", "acs:ram::1234567890:role/album-upload");
        props.put("oss.sts.endpoint", url);
        props.put("auth.jwt.secret", "a-test-secret-of-at-least-32-characters!!");
        props.put("wechat.app-id", "wx-outage");
        props.put("wechat.app-secret", "outage-secret");
        props.put("wechat.api-base-url", url);
        props.put("wechat.timeout", "1s");
        props.put("micronaut.http.client.read-timeout", "60s");
        return props;
    }

    @BeforeAll
    void family() {
        api = new Api(client.toBlocking(), false);
        String[] login = api.loginUser("outage");
        token = login[0];
        userId = login[1];
        familyId = api.post("/families", Map.of("name", "Outage"), token).text("id");
        albumId = api.post("/families/" + familyId + "/albums", Map.of("name", "A"), token)
                .text("id");
    }

    @AfterAll
    void stopUpstream() {
        upstream.stop(0);
    }

    private static void assertUnavailable(Answer answer, String code, String dependency) {
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(503);
        assertThat(answer.body())
                .containsOnlyKeys("code", "message", "request_id")
                .containsEntry("code", code);
        assertThat(answer.text("message")).contains(dependency);
        assertCarriesNoUpstreamText(answer);
    }

    private static void assertCarriesNoUpstreamText(Answer answer) {
        assertThat(answer.body().toString()).doesNotContain(UPSTREAM_WORDS);
    }

    @Test
    void stsDown_prefixSignature_is503NamingSts() {
        assertUnavailable(
                api.get("/families/oss/signature?family_id=" + familyId + "&file_path=" + albumId, token),
                "storage_credentials_unavailable",
                "STS");
    }

    @Test
    void stsDown_prepare_is503NamingSts() {
        Map<String, Object> file = Map.of(
                "client_ref",
                "0",
                "name",
                "a.jpg",
                "size",
                10,
                "type",
                "image/jpeg",
                "md5",
                "9e107d9d372bb6826bd81d3542a419d6");
        assertUnavailable(
                api.post("/uploads", Map.of("family_id", familyId, "album_id", albumId, "files", List.of(file)), token),
                "storage_credentials_unavailable",
                "STS");
    }

    @Test
    void ossDown_recordingAPhoto_is503NamingOss() {
        Map<String, Object> item = new HashMap<>(Map.of(
                "album_id",
                albumId,
                "family_id",
                familyId,
                "file_name",
                "p.jpg",
                "file_path",
                "families/" + familyId + "/incoming/" + userId + "/p.jpg",
                "file_type",
                "image",
                "file_size",
                3,
                "hash_value",
                "9e107d9d372bb6826bd81d3542a419d6"));
        assertUnavailable(api.post("/photos", Map.of("data", List.of(item)), token), "storage_unavailable", "OSS");
    }

    @Test
    void wechatAnswers502_is503NamingWechat() {
        assertUnavailable(api.post("/auth/wechat/login", Map.of("code", "down"), null), "wechat_unavailable", "WeChat");
    }

    @Test
    void wechatAnswersAnHtmlPage_is503NamingWechat() {
        assertUnavailable(
                api.post("/auth/wechat/login", Map.of("code", "garbage"), null), "wechat_unavailable", "WeChat");
    }

    @Test
    void wechatTooSlow_is503NamingWechat_withoutTheClientsOwnError() {
        assertUnavailable(api.post("/auth/wechat/login", Map.of("code", "slow"), null), "wechat_unavailable", "WeChat");
    }

    @Test
    void wechatRefusesTheCode_is401WithItsErrcode_butNotItsText() {
        Answer refused = api.post("/auth/wechat/login", Map.of("code", "forged"), null);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text("code")).isEqualTo("wechat_login_failed");
        assertThat(refused.text("message")).contains("40029");
        assertCarriesNoUpstreamText(refused);
    }
}
