package dev.directupload.bootstrap.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.settings.InvalidSettingsException;
import dev.directupload.settings.Problem;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.List;
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

    private static List<Problem> problemsAtStart(Map<String, Object> props) {
        Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(
                RuntimeException.class,
                () -> ApplicationContext.run(EmbeddedServer.class, props).close());
        return InvalidSettingsException.findIn(thrown).problems();
    }

    @Test
    void devLoginOnWithOss_refusesToStart() {
        Map<String, Object> props = ossWithStaticKey();
        props.put("auth.jwt.secret", "a-test-secret-of-at-least-32-characters!!");
        props.put("auth.dev-login.enabled", true);

        assertThat(problemsAtStart(props))
                .containsExactly(new Problem(
                        "auth.dev-login.enabled", "true", "true only with storage.provider=local (now oss)"));
    }

    @Test
    void ossWithoutJwtSecret_refusesToStart() {
        assertThat(problemsAtStart(ossWithStaticKey()))
                .containsExactly(new Problem(
                        "auth.jwt.secret",
                        null,
                        "required unless storage.provider=local (now oss), at least 32 characters"));
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
