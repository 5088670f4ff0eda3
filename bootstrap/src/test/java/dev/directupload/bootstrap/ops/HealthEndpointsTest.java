package dev.directupload.bootstrap.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * {@code /health} is liveness only: it asks no readiness indicator (database, store, disk), however often it is
 * polled; {@code /health/readiness} asks every one and answers 503 DOWN when one of them is down. A readiness
 * indicator of this test's own counts the calls and can be switched down.
 */
@MicronautTest(transactional = false)
@Property(name = "test.health-probe", value = "true")
class HealthEndpointsTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ProbeIndicator probe;

    @BeforeEach
    void reset() {
        probe.calls.set(0);
        probe.up.set(true);
    }

    private HttpResponse<Map> get(String path) {
        try {
            return client.toBlocking().exchange(HttpRequest.GET(path), Map.class);
        } catch (HttpClientResponseException e) {
            return (HttpResponse<Map>) e.getResponse();
        }
    }

    @Test
    void health_asksNoReadinessIndicator_evenWhenOneIsDown() {
        probe.up.set(false);
        for (int i = 0; i < 20; i++) {
            HttpResponse<Map> health = get("/health");
            assertThat(health.code()).isEqualTo(200);
        }
        assertThat(probe.calls).hasValue(0);
    }

    @Test
    void readiness_asksEveryIndicator_andIsDownWhenOneIs() {
        HttpResponse<Map> ready = get("/health/readiness");
        assertThat(ready.code()).isEqualTo(200);
        assertThat(ready.getBody(Map.class).orElseThrow()).containsEntry("status", "UP");
        assertThat(probe.calls).hasValue(1);

        probe.up.set(false);
        HttpResponse<?> down = get("/health/readiness");
        assertThat(down.code()).isEqualTo(503);
        assertThat(probe.calls).hasValue(2);
    }

    /** Only in this test's context. */
    @Singleton
    @Readiness
    @Requires(property = "test.health-probe", value = "true")
    static final class ProbeIndicator implements HealthIndicator {

        final AtomicInteger calls = new AtomicInteger();
        final AtomicBoolean up = new AtomicBoolean(true);

        @Override
        public Publisher<HealthResult> getResult() {
            return Mono.fromCallable(() -> {
                calls.incrementAndGet();
                return HealthResult.builder("test-probe")
                        .status(up.get() ? HealthStatus.UP : HealthStatus.DOWN)
                        .build();
            });
        }
    }
}
