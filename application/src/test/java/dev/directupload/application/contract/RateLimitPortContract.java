package dev.directupload.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.application.port.out.ratelimit.Rate;
import dev.directupload.application.port.out.ratelimit.RateLimitPort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RateLimitPort} must do, in memory or in a shared table: GCRA token buckets per key, atomic under
 * concurrent takes. Each test uses fresh keys, so tests may share one store.
 */
public abstract class RateLimitPortContract {

    private static final Instant T0 = Instant.parse("2026-11-29T19:00:00.123456Z");

    /** 3 tokens, one every 2 s. */
    private static final Rate THREE_PER_6S = new Rate(3, 30);

    protected abstract RateLimitPort rateLimits();

    private static String key() {
        return "test:" + UUID.randomUUID();
    }

    @Test
    void aFreshKeyHasAFullBucket_thenRefusesWithTheWaitForOneToken() {
        String key = key();
        for (int i = 0; i < 3; i++) {
            assertThat(rateLimits().tryTake(key, 1, THREE_PER_6S, T0))
                    .as("take %d", i)
                    .isZero();
        }
        assertThat(rateLimits().tryTake(key, 1, THREE_PER_6S, T0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(rateLimits().tryTake(key, 1, THREE_PER_6S, T0.plusMillis(500)))
                .as("a refused take took nothing: the wait only shrinks")
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(rateLimits().tryTake(key, 1, THREE_PER_6S, T0.plusSeconds(2)))
                .isZero();
        assertThat(rateLimits().tryTake(key, 1, THREE_PER_6S, T0.plusSeconds(2)))
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        String a = key();
        String b = key();
        assertThat(rateLimits().tryTake(a, 3, THREE_PER_6S, T0)).isZero();
        assertThat(rateLimits().tryTake(a, 1, THREE_PER_6S, T0)).isPositive();
        assertThat(rateLimits().tryTake(b, 3, THREE_PER_6S, T0)).isZero();
    }

    @Test
    void aTakeCostsItsTokens_andIsRefusedWholeWhenTheyAreNotAllThere() {
        String key = key();
        assertThat(rateLimits().tryTake(key, 2, THREE_PER_6S, T0)).isZero();
        assertThat(rateLimits().tryTake(key, 2, THREE_PER_6S, T0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(rateLimits().tryTake(key, 1, THREE_PER_6S, T0))
                .as("the refused 2 took nothing")
                .isZero();
        assertThat(rateLimits().tryTake(key, 3, THREE_PER_6S, T0.plusSeconds(5)))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(rateLimits().tryTake(key, 3, THREE_PER_6S, T0.plusSeconds(6)))
                .isZero();
    }

    @Test
    void aBucketNeverHoldsMoreThanItsCapacity() {
        String key = key();
        assertThat(rateLimits().tryTake(key, 1, THREE_PER_6S, T0)).isZero();
        Instant later = T0.plus(Duration.ofDays(1));
        assertThat(rateLimits().tryTake(key, 3, THREE_PER_6S, later)).isZero();
        assertThat(rateLimits().tryTake(key, 1, THREE_PER_6S, later)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void purgingForgetsOnlyRefilledBuckets() {
        String full = key();
        String drained = key();
        assertThat(rateLimits().tryTake(full, 1, THREE_PER_6S, T0)).isZero();
        assertThat(rateLimits().tryTake(drained, 3, THREE_PER_6S, T0.plusSeconds(3)))
                .isZero();

        rateLimits().purgeRefilled(T0.plusSeconds(4));

        assertThat(rateLimits().tryTake(drained, 1, THREE_PER_6S, T0.plusSeconds(4)))
                .as("a bucket still refilling is kept")
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(rateLimits().tryTake(full, 3, THREE_PER_6S, T0.plusSeconds(4)))
                .as("a refilled bucket, purged or not, is full")
                .isZero();
    }

    @Test
    void concurrentTakesOnOneKey_neverHandOutMoreThanTheBucketHolds() throws Exception {
        String key = key();
        Rate tenPerHour = new Rate(10, 1);
        List<Callable<Duration>> takes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            takes.add(() -> rateLimits().tryTake(key, 1, tenPerHour, T0));
        }
        List<Duration> results = concurrently(takes);
        assertThat(results.stream().filter(Duration::isZero).count()).isEqualTo(10);
        assertThat(rateLimits().tryTake(key, 1, tenPerHour, T0)).isPositive();
    }

    @Test
    void concurrentFirstTakesOfANewKey_countEveryOne() throws Exception {
        String key = key();
        Rate fourPerHour = new Rate(4, 1);
        List<Callable<Duration>> takes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            takes.add(() -> rateLimits().tryTake(key, 1, fourPerHour, T0));
        }
        assertThat(concurrently(takes).stream().filter(Duration::isZero).count())
                .isEqualTo(4);
    }

    private static <T> List<T> concurrently(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(tasks.size(), 16));
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
