package dev.directupload.bootstrap.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service refuses to start in an unsafe identity configuration. */
class StartupGuardTest {

    private static Map<String, Object> ossWithStaticKey() {
        Map<String, Object> props = new HashMap<>();
        props.put("storage.provider", "oss");
        props.put("oss.region", "cn-hangzhou");
        props.put("oss.bucket", "test-bucket");
        props.put("oss.access-key-id", "LTAI-test");
        props.put("oss.access-key-secret", "test-secret-not-real");
        props.put("datasources.default.url", "jdbc:h2:mem:guard;DB_CLOSE_DELAY=-1");
        props.put("micronaut.server.port", -1);
        props.put("upload.sweep-enabled", false);
        return props;
    }

    @Test
    void devLoginOnWithOss_refusesToStart() {
        Map<String, Object> props = ossWithStaticKey();
        props.put("auth.jwt.secret", "a-test-secret-of-at-least-32-characters!!");
        props.put("auth.dev-login.enabled", true);

        assertThatThrownBy(() ->
                        ApplicationContext.run(EmbeddedServer.class, props).close())
                .hasStackTraceContaining("auth.dev-login.enabled=true is allowed only with storage.provider=local");
    }

    @Test
    void ossWithoutJwtSecret_refusesToStart() {
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, ossWithStaticKey())
                        .close())
                .hasStackTraceContaining("auth.jwt.secret is required with storage.provider=oss");
    }

    @Test
    void ossWithSecret_startsWithDevLoginOff() {
        Map<String, Object> props = ossWithStaticKey();
        props.put("auth.jwt.secret", "a-test-secret-of-at-least-32-characters!!");
        try (var server = ApplicationContext.run(EmbeddedServer.class, props)) {
            var client =
                    io.micronaut.http.client.HttpClient.create(server.getURL()).toBlocking();
            var e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.micronaut.http.client.exceptions.HttpClientResponseException.class,
                    () -> client.exchange(io.micronaut.http.HttpRequest.POST("/auth/dev/login", Map.of("user", "a"))));
            assertThat(e.code()).isEqualTo(404);
        }
    }
}
