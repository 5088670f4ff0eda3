package dev.directupload.adapter.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.directupload.application.harness.InMemoryRateLimits;
import dev.directupload.application.harness.MutableClock;
import dev.directupload.domain.identity.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T19:00:00Z"));
    private final RateLimitSettings settings =
            new RateLimitSettings(3, 30, 500, 60, 2, 1, "memory", 100_000, List.of());
    private final RequestRateLimiter limiter = new RequestRateLimiter(settings, new InMemoryRateLimits(), clock);
    private final UserId alice = new UserId("u_alice");

    @Test
    void signing_burstUpToCapacity_thenRetryAfterOneRefill() {
        limiter.signing(alice);
        limiter.signing(alice);
        limiter.signing(alice);

        assertThatThrownBy(() -> limiter.signing(alice))
                .isInstanceOf(RateLimitedException.class)
                .satisfies(e -> assertThat(((RateLimitedException) e).retryAfterSeconds())
                        .isEqualTo(2))
                .satisfies(e ->
                        assertThat(((RateLimitedException) e).code().wireName()).isEqualTo("rate_limited"));
    }

    @Test
    void signing_refillsAtTheConfiguredRate() {
        for (int i = 0; i < 3; i++) {
            limiter.signing(alice);
        }
        clock.advance(Duration.ofSeconds(2));
        limiter.signing(alice);
        assertThatThrownBy(() -> limiter.signing(alice)).isInstanceOf(RateLimitedException.class);
        clock.advance(Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            limiter.signing(alice);
        }
        assertThatThrownBy(() -> limiter.signing(alice)).isInstanceOf(RateLimitedException.class);
    }

    /** The README allows any rate > 0; above one a microsecond (the bucket's unit) it counts as one a microsecond. */
    @Test
    void aRateAboveOneAMicrosecond_isAccepted_andStillBoundsTheBurst() {
        RequestRateLimiter generous = new RequestRateLimiter(
                new RateLimitSettings(2, 100_000_000, 1000, 100_000_000, 2, 100_000_000, "memory", 100_000, List.of()),
                new InMemoryRateLimits(),
                clock);
        generous.signing(alice);
        generous.signing(alice);
        assertThatThrownBy(() -> generous.signing(alice)).isInstanceOf(RateLimitedException.class);
        clock.advance(Duration.ofNanos(1_000));
        generous.signing(alice);
        generous.login("127.0.0.1");
    }

    @Test
    void usersHaveTheirOwnBuckets() {
        for (int i = 0; i < 3; i++) {
            limiter.signing(alice);
        }
        limiter.signing(new UserId("u_bob"));
    }

    @Test
    void storageChecks_countItems_besideTheSigningBucket() {
        limiter.storageChecks(alice, 499);
        assertThatThrownBy(() -> limiter.storageChecks(alice, 2))
                .isInstanceOf(RateLimitedException.class)
                .hasMessageContaining("storage checks")
                .satisfies(e -> assertThat(((RateLimitedException) e).retryAfterSeconds())
                        .as("one check refills every second; 2 are missing, 1 is there")
                        .isEqualTo(1));
        limiter.storageChecks(alice, 1);
        assertThatThrownBy(() -> limiter.storageChecks(alice, 1)).isInstanceOf(RateLimitedException.class);
        limiter.signing(alice);
    }

    @Test
    void logins_perAddress() {
        limiter.login("203.0.113.7");
        limiter.login("203.0.113.7");
        assertThatThrownBy(() -> limiter.login("203.0.113.7"))
                .isInstanceOf(RateLimitedException.class)
                .satisfies(e -> assertThat(((RateLimitedException) e).retryAfterSeconds())
                        .isEqualTo(60));
        limiter.login("203.0.113.8");
    }

    @Test
    void retryAfterIsRoundedUpToWholeSeconds() {
        assertThat(new RateLimitedException("x", Duration.ofMillis(1)).retryAfterSeconds())
                .isEqualTo(1);
        assertThat(new RateLimitedException("x", Duration.ofMillis(2001)).retryAfterSeconds())
                .isEqualTo(3);
        assertThat(new RateLimitedException("x", Duration.ofSeconds(2)).retryAfterSeconds())
                .isEqualTo(2);
    }
}
