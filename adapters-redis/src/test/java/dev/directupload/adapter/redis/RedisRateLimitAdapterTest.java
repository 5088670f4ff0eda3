package dev.directupload.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.directupload.application.contract.RateLimitPortContract;
import dev.directupload.application.port.out.ratelimit.Rate;
import dev.directupload.application.port.out.ratelimit.RateLimitPort;
import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.domain.shared.ErrorCode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The Redis store against a real server (127.0.0.1:6379, or {@code DIRECTUPLOAD_TEST_REDIS_URL}): the rate-limit
 * contract every store keeps, buckets shared by two instances, keys that expire once full again, and an unreachable
 * server, or one that goes away (a {@code redis-server} of the test's own), answering {@code service_unavailable}. Without a reachable server the tests that need one are skipped with
 * a message saying so.
 */
class RedisRateLimitAdapterTest {

    static final String URL = System.getenv().getOrDefault("DIRECTUPLOAD_TEST_REDIS_URL", "redis://127.0.0.1:6379");
    private static final Instant T0 = Instant.parse("2026-12-02T03:00:00Z");

    private static RedisRateLimitAdapter shared;
    private static String unreachableBecause;

    /** The shared store; skips the calling test, visibly, when no Redis answers. */
    static synchronized RedisRateLimitAdapter store() {
        if (shared == null && unreachableBecause == null) {
            try {
                shared = connect();
            } catch (DependencyUnavailableException e) {
                unreachableBecause = e.getMessage();
                System.out.println(
                        "SKIPPED: " + RedisRateLimitAdapterTest.class.getSimpleName() + ": no Redis reachable at " + URL
                                + " (" + unreachableBecause + "); upload.rate-limit.store=redis was not checked");
            }
        }
        assumeTrue(
                shared != null,
                () -> "SKIPPED: no Redis reachable at " + URL + " (" + unreachableBecause
                        + "): upload.rate-limit.store=redis was not checked");
        return shared;
    }

    static RedisRateLimitAdapter connect() {
        RedisURI uri = RedisURI.create(URL);
        uri.setTimeout(Duration.ofSeconds(2));
        return new RedisRateLimitAdapter(uri);
    }

    @AfterAll
    static void close() {
        if (shared != null) {
            shared.close();
        }
    }

    private static String key() {
        return "test:" + UUID.randomUUID();
    }

    @Nested
    class Contract extends RateLimitPortContract {
        /** Skips here, not inside the contract's worker threads. */
        @BeforeEach
        void needsRedis() {
            store();
        }

        @Override
        protected RateLimitPort rateLimits() {
            return store();
        }
    }

    @Test
    void twoInstances_takeFromTheSameBuckets() {
        RedisRateLimitAdapter one = store();
        Rate threePerHour = new Rate(3, 1);
        String key = key();
        try (RedisRateLimitAdapter other = connect()) {
            assertThat(one.tryTake(key, 2, threePerHour, T0)).isZero();
            assertThat(other.tryTake(key, 1, threePerHour, T0)).isZero();
            assertThat(one.tryTake(key, 1, threePerHour, T0)).isEqualTo(Duration.ofMinutes(1));
            assertThat(other.tryTake(key, 1, threePerHour, T0)).isEqualTo(Duration.ofMinutes(1));
        }
    }

    @Test
    void aKeyLivesUntilItsBucketIsFullAgain_thenExpires() {
        RedisRateLimitAdapter store = store();
        String key = key();
        // 3 tokens, one every 2 s: after one take the bucket is full again in 2 s, after three in 6 s
        assertThat(store.tryTake(key, 3, new Rate(3, 30), T0)).isZero();
        RedisClient client = RedisClient.create(URL);
        try (StatefulRedisConnection<String, String> raw = client.connect()) {
            long ttl = raw.sync().pttl(RedisRateLimitAdapter.PREFIX + key);
            assertThat(ttl).isBetween(5_000L, 6_001L);
            assertThat(Long.parseLong(raw.sync().get(RedisRateLimitAdapter.PREFIX + key)))
                    .as("the bucket's instant, in µs, written in full")
                    .isEqualTo(Rate.micros(T0) + 6_000_000L);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aServerThatGoesAway_isServiceUnavailable_untilItIsBack() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process redis = startRedisServer(port);
        RedisURI uri = RedisURI.create("redis://127.0.0.1:" + port);
        uri.setTimeout(Duration.ofSeconds(1));
        Rate rate = new Rate(5, 60);
        try (RedisRateLimitAdapter store = new RedisRateLimitAdapter(uri)) {
            assertThat(store.tryTake(key(), 1, rate, T0)).isZero();

            redis.destroy();
            assertThat(redis.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> store.tryTake(key(), 1, rate, T0))
                    .isInstanceOfSatisfying(
                            DependencyUnavailableException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));

            redis = startRedisServer(port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            Duration taken = null;
            while (taken == null && System.nanoTime() < deadline) {
                try {
                    taken = store.tryTake(key(), 1, rate, T0);
                } catch (DependencyUnavailableException e) {
                    Thread.sleep(200);
                }
            }
            assertThat(taken).as("a take after the server came back").isEqualTo(Duration.ZERO);
        } finally {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A Redis server of this test's own (nothing kept on disk); skips, saying so, without the binary. */
    private static Process startRedisServer(int port) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(
                            "redis-server",
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            System.out.println("SKIPPED: RedisRateLimitAdapterTest: no redis-server binary (" + e.getMessage()
                    + "); losing the server mid-run was not checked");
            assumeTrue(false, "SKIPPED: no redis-server binary: losing the server mid-run was not checked");
            throw e;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return process;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroy();
        throw new IllegalStateException("redis-server did not listen on " + port + " within 10 s");
    }

    @Test
    void anUnreachableServer_isServiceUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RedisURI uri = RedisURI.create("redis://127.0.0.1:" + closedPort);
        uri.setTimeout(Duration.ofSeconds(1));
        assertThatThrownBy(() -> new RedisRateLimitAdapter(uri))
                .isInstanceOfSatisfying(
                        DependencyUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE))
                .hasMessageContaining("127.0.0.1:" + closedPort);
    }
}
