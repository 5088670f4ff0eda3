package dev.directupload.adapter.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.application.contract.RateLimitPortContract;
import dev.directupload.application.harness.MutableClock;
import dev.directupload.application.port.out.ratelimit.Rate;
import dev.directupload.application.port.out.ratelimit.RateLimitPort;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MemoryRateLimitStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T19:00:00Z"));

    private MemoryRateLimitStore store(int maxKeys) {
        return new MemoryRateLimitStore(
                new RateLimitSettings(60, 60, 1000, 600, 60, 60, "memory", maxKeys, List.of()), clock);
    }

    /** The port's contract (it passes its own instants; the store's expiry clock stays put, so nothing expires). */
    @Nested
    class Contract extends RateLimitPortContract {
        private final MemoryRateLimitStore store = store(100_000);

        @Override
        protected RateLimitPort rateLimits() {
            return store;
        }
    }

    @Test
    void aFloodOfDistinctKeys_keepsAtMostMaxKeys() {
        MemoryRateLimitStore store = store(1_000);
        Rate logins = new Rate(60, 60);
        long most = 0;
        for (int i = 0; i < 200_000; i++) {
            String address = "10." + (i >> 16 & 0xFF) + "." + (i >> 8 & 0xFF) + "." + (i & 0xFF);
            assertThat(store.tryTake("login:" + address, 1, logins, clock.instant()))
                    .isZero();
            if (i % 10_000 == 9_999) {
                most = Math.max(most, store.size());
            }
        }
        assertThat(most).as("buckets held during a flood of 200,000 addresses").isLessThanOrEqualTo(1_000);
        assertThat(store.size()).isLessThanOrEqualTo(1_000);
    }

    @Test
    void bucketsExpireOnceFullAgain_withoutBeingTouched() {
        MemoryRateLimitStore store = store(100_000);
        Rate signing = new Rate(60, 60);
        for (int i = 0; i < 5_000; i++) {
            store.tryTake("sign:u_" + i, 1 + i % 60, signing, clock.instant());
        }
        assertThat(store.size()).isEqualTo(5_000);

        clock.advance(Duration.ofSeconds(30));
        assertThat(store.size())
                .as("buckets that took up to 30 tokens are full again after 30 s")
                .isBetween(2_400L, 2_600L);

        clock.advance(Duration.ofSeconds(31));
        assertThat(store.size()).as("every bucket refilled within a minute").isZero();
    }

    @Test
    void anExpiredBucketIsAFullOne() {
        MemoryRateLimitStore store = store(100_000);
        Rate rate = new Rate(2, 60);
        assertThat(store.tryTake("k", 2, rate, clock.instant())).isZero();
        assertThat(store.tryTake("k", 1, rate, clock.instant())).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(2));
        assertThat(store.size()).isZero();
        assertThat(store.tryTake("k", 2, rate, clock.instant())).isZero();
        assertThat(store.tryTake("k", 1, rate, clock.instant())).isEqualTo(Duration.ofSeconds(1));
    }
}
