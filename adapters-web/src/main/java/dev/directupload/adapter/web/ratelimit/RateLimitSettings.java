package dev.directupload.adapter.web.ratelimit;

import dev.directupload.application.port.in.compat.RecordPhotosUseCase;
import dev.directupload.application.port.out.ratelimit.Rate;
import dev.directupload.settings.CheckedSettings;
import dev.directupload.settings.Positive;
import dev.directupload.settings.Range;
import dev.directupload.settings.SettingsProblems;
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
 * @param store {@code memory} (this instance's, the default), {@code database} or {@code redis} (both shared by every
 *     instance)
 * @param maxKeys buckets the memory store keeps at most
 * @param trustedProxies addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For} is believed
 */
@ConfigurationProperties("upload.rate-limit")
public record RateLimitSettings(
        @Positive @Bindable(defaultValue = "60") int capacity,
        @Positive @Bindable(defaultValue = "60") int perMinute,

        @Range(min = RecordPhotosUseCase.MAX_ITEMS) @Bindable(defaultValue = "1000")
        int checkCapacity,

        @Positive @Bindable(defaultValue = "600") int checkPerMinute,
        @Positive @Bindable(defaultValue = "60") int loginCapacity,
        @Positive @Bindable(defaultValue = "60") int loginPerMinute,
        @Bindable(defaultValue = "memory") String store,
        @Positive @Bindable(defaultValue = "100000") int maxKeys,
        @Nullable List<String> trustedProxies)
        implements CheckedSettings {

    static final Set<String> STORES = Set.of("memory", "database", "redis");

    public RateLimitSettings {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }

    @Override
    public void check(SettingsProblems problems) {
        if (!STORES.contains(store)) {
            problems.add("upload.rate-limit.store", "memory, database or redis (now '" + store + "')");
        }
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
}
