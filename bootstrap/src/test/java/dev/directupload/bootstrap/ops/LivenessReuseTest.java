package dev.directupload.bootstrap.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.bootstrap.support.Api;
import dev.directupload.bootstrap.support.MutableClock;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** An anonymous GET /health runs the liveness indicators at most once a second; the answer follows them after. */
@MicronautTest(transactional = false)
@Property(name = "test.clock", value = "mutable")
@Property(name = "test.liveness-probe", value = "true")
class LivenessReuseTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    MutableClock clock;

    @Inject
    CountingLiveness liveness;

    private String token;

    private int status() {
        MutableHttpRequest<?> request = HttpRequest.GET("/health");
        if (token != null) {
            request.bearerAuth(token);
        }
        return client.toBlocking().exchange(request, String.class).code();
    }

    private int statusOrError() {
        try {
            return status();
        } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    /** The test clock follows real time from where it is set: set before each call, it reads T plus a few ms. */
    private int statusAt(Instant at) {
        clock.set(at);
        return statusOrError();
    }

    @AfterEach
    void reset() {
        token = null;
        liveness.status.set(HealthStatus.UP);
        clock.reset();
    }

    /**
     * Answers at {@code t} (after a first, slow request of the context), then five times within the next 600 ms, all
     * 200, with the liveness check run no further; returns how often it had run by {@code t}.
     */
    private int callsAfterFiveReusedAnswers(Instant t) {
        assertThat(statusAt(t.minusSeconds(10))).isEqualTo(200); // the first request of a context is slow
        assertThat(statusAt(t)).isEqualTo(200);
        int first = liveness.calls.get();
        for (int i = 0; i < 5; i++) {
            assertThat(statusAt(t.plusMillis(100 + 100 * i))).isEqualTo(200);
        }
        assertThat(liveness.calls.get()).isEqualTo(first);
        return first;
    }

    @Test
    void theLivenessCheck_runsAtMostOnceASecond_andADownAnswerShowsWithinASecond() {
        Instant t = Instant.parse("2026-12-02T04:00:00Z");
        int first = callsAfterFiveReusedAnswers(t);

        liveness.status.set(HealthStatus.DOWN);
        assertThat(statusAt(t.plusMillis(800))).isEqualTo(200);
        assertThat(statusAt(t.plusMillis(1100))).isEqualTo(503);
        assertThat(liveness.calls.get()).isEqualTo(first + 1);
        liveness.status.set(HealthStatus.UP);
        assertThat(statusAt(t.plusMillis(1900))).isEqualTo(503);
        assertThat(statusAt(t.plusMillis(2200))).isEqualTo(200);
    }

    @Test
    void withABearerToken_theLivenessCheck_alsoRunsAtMostOnceASecond() {
        token = new Api(client.toBlocking()).login("prober");
        Instant t = Instant.parse("2026-12-02T05:00:00Z");
        int first = callsAfterFiveReusedAnswers(t);

        liveness.status.set(HealthStatus.DOWN);
        assertThat(statusAt(t.plusMillis(1100))).isEqualTo(503);
        assertThat(liveness.calls.get()).isEqualTo(first + 1);
    }

    @Singleton
    @Liveness
    @Requires(property = "test.liveness-probe", value = "true")
    static class CountingLiveness implements HealthIndicator {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicReference<HealthStatus> status = new AtomicReference<>(HealthStatus.UP);

        @Override
        public Publisher<HealthResult> getResult() {
            calls.incrementAndGet();
            return Mono.just(HealthResult.builder("counting", status.get()).build());
        }
    }
}
