package dev.directupload.bootstrap.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.directupload.adapter.persistence.ratelimit.JdbcRateLimitAdapter;
import dev.directupload.adapter.redis.RedisRateLimitAdapter;
import dev.directupload.adapter.web.ratelimit.MemoryRateLimitStore;
import dev.directupload.application.port.out.ratelimit.Rate;
import dev.directupload.application.port.out.ratelimit.RateLimitPort;
import dev.directupload.application.shared.DependencyUnavailableException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code upload.rate-limit.store} picks the store behind {@link RateLimitPort}; a bad value stops the start. The redis case
 * needs a server (127.0.0.1:6379 or {@code DIRECTUPLOAD_TEST_REDIS_URL}) and is skipped, saying so, without one. */
class RateLimitStoreChoiceTest {

    private static final String REDIS_URL =
            System.getenv().getOrDefault("DIRECTUPLOAD_TEST_REDIS_URL", "redis://127.0.0.1:6379");

    private static Map<String, Object> properties(String store) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        if (store != null) {
            properties.put("upload.rate-limit.store", store);
        }
        return properties;
    }

    @Test
    void memoryByDefault() {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties(null), "test")) {
            assertThat(server.getApplicationContext().getBean(RateLimitPort.class))
                    .isInstanceOf(MemoryRateLimitStore.class);
        }
    }

    @Test
    void databaseOnRequest() {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties("database"), "test")) {
            assertThat(server.getApplicationContext().getBean(RateLimitPort.class))
                    .isInstanceOf(JdbcRateLimitAdapter.class);
        }
    }

    @Test
    void redisOnRequest_takesFromTheServersBuckets() {
        Map<String, Object> properties = properties("redis");
        properties.put("upload.rate-limit.redis.url", REDIS_URL);
        EmbeddedServer server;
        try {
            server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        } catch (RuntimeException e) {
            if (hasCause(e, DependencyUnavailableException.class)) {
                System.out.println("SKIPPED: RateLimitStoreChoiceTest: no Redis reachable at " + REDIS_URL
                        + "; upload.rate-limit.store=redis was not checked");
            }
            assumeFalse(
                    hasCause(e, DependencyUnavailableException.class),
                    "SKIPPED: no Redis reachable at " + REDIS_URL + ": upload.rate-limit.store=redis was not checked ("
                            + e.getMessage() + ")");
            throw e;
        }
        try (server) {
            RateLimitPort store = server.getApplicationContext().getBean(RateLimitPort.class);
            assertThat(store).isInstanceOf(RedisRateLimitAdapter.class);
            String key = "choice:" + UUID.randomUUID();
            Instant now = Instant.now();
            assertThat(store.tryTake(key, 2, new Rate(2, 1), now)).isZero();
            assertThat(store.tryTake(key, 1, new Rate(2, 1), now)).isEqualTo(Duration.ofMinutes(1));
        }
    }

    @Test
    void aRedisUrlWithAPassword_stopsTheStart() {
        Map<String, Object> properties = properties("redis");
        properties.put("upload.rate-limit.redis.url", "redis://:hunter2@127.0.0.1:6379");
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, properties, "test")
                        .close())
                .hasStackTraceContaining("upload.rate-limit.redis.url")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("hunter2"));
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    @Test
    void anUnknownStoreStopsTheStart() {
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, properties("memcached"), "test")
                        .close())
                .hasStackTraceContaining("upload.rate-limit.store = memcached")
                .hasStackTraceContaining("memory, database or redis (now 'memcached')");
    }
}
