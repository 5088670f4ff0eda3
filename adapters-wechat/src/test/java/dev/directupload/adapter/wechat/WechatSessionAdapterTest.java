package dev.directupload.adapter.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.directupload.application.port.out.identity.WechatSession;
import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.application.shared.UnauthorizedException;
import dev.directupload.domain.shared.DomainException;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a fake WeChat on 127.0.0.1 that answers what each test tells it to. */
class WechatSessionAdapterTest {

    private HttpServer fakeWechat;
    private final AtomicReference<String> answer = new AtomicReference<>();
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    private final Map<String, String> lastQuery = new ConcurrentHashMap<>();

    @BeforeEach
    void startFakeWechat() throws IOException {
        fakeWechat = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fakeWechat.createContext("/sns/jscode2session", exchange -> {
            lastQuery.clear();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                lastQuery.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            try {
                Thread.sleep(delay.get().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        fakeWechat.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        fakeWechat.start();
    }

    @AfterEach
    void stop() {
        fakeWechat.stop(0);
    }

    /** A timeout a loaded build machine never reaches on an answer that comes at once. */
    private WechatSessionAdapter adapter(String appId, String secret) {
        return adapter(appId, secret, Duration.ofSeconds(20));
    }

    private WechatSessionAdapter adapter(String appId, String secret, Duration timeout) {
        String base = "http://127.0.0.1:" + fakeWechat.getAddress().getPort();
        return new WechatSessionAdapter(
                new WechatConfiguration(appId, secret, base, timeout), ObjectMapper.getDefault());
    }

    @Test
    void success_givesOpenIdAndUnionId_andSendsTheDocumentedQuery() {
        answer.set("{\"openid\":\"oAbc123\",\"session_key\":\"k==\",\"unionid\":\"uX9\"}");

        WechatSession session = adapter("wx123", "s3cret+/").exchange("code&1");

        assertThat(session.openId()).isEqualTo("oAbc123");
        assertThat(session.unionId()).contains("uX9");
        assertThat(lastQuery)
                .containsEntry("appid", "wx123")
                .containsEntry("secret", "s3cret+/")
                .containsEntry("js_code", "code&1")
                .containsEntry("grant_type", "authorization_code");
    }

    @Test
    void successWithoutUnionId() {
        answer.set("{\"openid\":\"oAbc123\",\"session_key\":\"k==\"}");
        assertThat(adapter("wx123", "s").exchange("c").unionId()).isEmpty();
    }

    @Test
    void errcode_isALoginFailureNamingIt() {
        answer.set("{\"errcode\":40029,\"errmsg\":\"invalid code, rid: 1\"}");

        assertThatThrownBy(() -> adapter("wx123", "s").exchange("bad"))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("40029")
                .hasMessageNotContaining("invalid code")
                .satisfies(
                        e -> assertThat(((DomainException) e).code().wireName()).isEqualTo("wechat_login_failed"));
    }

    @Test
    void slowWechat_isUnavailable() {
        answer.set("{\"openid\":\"late\"}");
        delay.set(Duration.ofSeconds(3));

        assertThatThrownBy(() -> adapter("wx123", "s", Duration.ofMillis(700)).exchange("c"))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessage("WeChat could not be reached or did not answer in time")
                .satisfies(
                        e -> assertThat(((DomainException) e).code().wireName()).isEqualTo("wechat_unavailable"));
    }

    @Test
    void unreachableWechat_isUnavailable() {
        String base = "http://127.0.0.1:1";
        var adapter = new WechatSessionAdapter(
                new WechatConfiguration("wx", "s", base, Duration.ofMillis(500)), ObjectMapper.getDefault());
        assertThatThrownBy(() -> adapter.exchange("c"))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessage("WeChat could not be reached or did not answer in time");
    }

    @Test
    void garbageAnswer_isUnavailable() {
        answer.set("<html>502 upstream-internal-detail</html>");
        assertThatThrownBy(() -> adapter("wx123", "s").exchange("c"))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageNotContaining("upstream-internal-detail");
    }

    @Test
    void notConfigured_isUnavailable_withoutCallingWechat() {
        answer.set("{\"openid\":\"x\"}");
        assertThatThrownBy(() -> adapter(null, null).exchange("c"))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("wechat.app-id");
        assertThat(lastQuery).isEmpty();
    }
}
