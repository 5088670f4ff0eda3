package dev.directupload.bootstrap.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.directupload.adapter.persistence.ratelimit.JdbcRateLimitAdapter;
import dev.directupload.adapter.web.ratelimit.MemoryRateLimitStore;
import dev.directupload.application.port.out.ratelimit.RateLimitPort;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code upload.rate-limit.store} picks the store behind {@link RateLimitPort}; a bad value stops the start. */
class RateLimitStoreChoiceTest {

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
    void anUnknownStoreStopsTheStart() {
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, properties("redis"), "test")
                        .close())
                .hasStackTraceContaining("upload.rate-limit.store = redis")
                .hasStackTraceContaining("memory or database (now 'redis')");
    }
}
