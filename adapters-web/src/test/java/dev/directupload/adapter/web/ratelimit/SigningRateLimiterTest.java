package dev.directupload.adapter.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.directupload.application.harness.MutableClock;
import dev.directupload.domain.identity.UserId;
import dev.directupload.settings.InvalidSettingsException;
import dev.directupload.settings.Problem;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigningRateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T19:00:00Z"));
    private final SigningRateLimiter limiter = new SigningRateLimiter(new RateLimitSettings(3, 30), clock);
    private final UserId alice = new UserId("u_alice");

    @Test
    void burstUpToCapacity_thenRetryAfterOneRefill() {
        limiter.acquire(alice);
        limiter.acquire(alice);
        limiter.acquire(alice);

        assertThatThrownBy(() -> limiter.acquire(alice))
                .isInstanceOf(RateLimitedException.class)
                .satisfies(
                        e -> assertThat(((RateLimitedException) e).retryAfter()).isEqualTo(Duration.ofSeconds(2)))
                .satisfies(e ->
                        assertThat(((RateLimitedException) e).code().wireName()).isEqualTo("rate_limited"));
    }

    @Test
    void refillsAtTheConfiguredRate() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire(alice);
        }
        clock.advance(Duration.ofSeconds(2));
        limiter.acquire(alice);
        assertThatThrownBy(() -> limiter.acquire(alice)).isInstanceOf(RateLimitedException.class);
        clock.advance(Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            limiter.acquire(alice);
        }
        assertThatThrownBy(() -> limiter.acquire(alice)).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void usersHaveTheirOwnBuckets() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire(alice);
        }
        limiter.acquire(new UserId("u_bob"));
    }

    @Test
    void settingsMustBePositive_theStartIsRefusedNamingBoth() {
        Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(
                RuntimeException.class,
                () -> ApplicationContext.run(
                                Map.of("upload.rate-limit.capacity", "0", "upload.rate-limit.per-minute", "-1"))
                        .close());
        assertThat(InvalidSettingsException.findIn(thrown).problems())
                .extracting(Problem::property, Problem::rule)
                .containsExactly(
                        tuple("upload.rate-limit.capacity", "greater than 0"),
                        tuple("upload.rate-limit.per-minute", "greater than 0"));
    }
}
