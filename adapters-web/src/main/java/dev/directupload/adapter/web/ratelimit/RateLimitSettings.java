package dev.directupload.adapter.web.ratelimit;

import dev.directupload.application.port.in.compat.RecordPhotosUseCase;
import dev.directupload.application.port.out.ratelimit.Rate;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;
import java.util.Set;

/**
 * {@code upload.rate-limit.*}: three token buckets and where they are kept.
 *
 * @param capacity signing calls a user may burst ({@code POST /uploads}, {@code GET /families/oss/signature})
 * @param perMinute their refill rate
 * @param checkCapacity storage checks a user may burst: one per {@code complete}, one per {@code POST /photos} item
 * @param checkPerMinute their refill rate
 * @param loginCapacity logins ({@code POST /auth/*}) one client address may burst
 * @param loginPerMinute their refill rate
 * @param store {@code memory} (this instance's, the default) or {@code database} (shared by every instance)
 * @param maxKeys buckets the memory store keeps at most
 * @param trustedProxies addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For} is believed
 */
@ConfigurationProperties("upload.rate-limit")
public record RateLimitSettings(
        @Bindable(defaultValue = "60") int capacity,
        @Bindable(defaultValue = "60") int perMinute,
        @Bindable(defaultValue = "1000") int checkCapacity,
        @Bindable(defaultValue = "600") int checkPerMinute,
        @Bindable(defaultValue = "60") int loginCapacity,
        @Bindable(defaultValue = "60") int loginPerMinute,
        @Bindable(defaultValue = "memory") String store,
        @Bindable(defaultValue = "100000") int maxKeys,
        @Nullable List<String> trustedProxies) {

    static final Set<String> STORES = Set.of("memory", "database");

    public RateLimitSettings {
        signing(capacity, perMinute, "capacity and per-minute");
        signing(checkCapacity, checkPerMinute, "check-capacity and check-per-minute");
        signing(loginCapacity, loginPerMinute, "login-capacity and login-per-minute");
        if (checkCapacity < RecordPhotosUseCase.MAX_ITEMS) {
            throw new IllegalArgumentException("upload.rate-limit.check-capacity must be at least "
                    + RecordPhotosUseCase.MAX_ITEMS + " (the most items one POST /photos may carry), was "
                    + checkCapacity);
        }
        if (!STORES.contains(store)) {
            throw new IllegalArgumentException(
                    "upload.rate-limit.store must be memory or database, was '" + store + "'");
        }
        if (maxKeys < 1) {
            throw new IllegalArgumentException("upload.rate-limit.max-keys must be >= 1, was " + maxKeys);
        }
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }

    /** The defaults, with the signing bucket of the given shape (tests). */
    static RateLimitSettings signingOnly(int capacity, int perMinute) {
        return new RateLimitSettings(capacity, perMinute, 1000, 600, 60, 60, "memory", 100_000, null);
    }

    Rate signing() {
        return new Rate(capacity, perMinute);
    }

    Rate checks() {
        return new Rate(checkCapacity, checkPerMinute);
    }

    Rate logins() {
        return new Rate(loginCapacity, loginPerMinute);
    }

    private static void signing(int capacity, int perMinute, String names) {
        if (capacity < 1 || perMinute < 1) {
            throw new IllegalArgumentException("upload.rate-limit." + names + " must be >= 1");
        }
    }
}
