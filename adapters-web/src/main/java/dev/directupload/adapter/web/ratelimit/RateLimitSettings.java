package dev.directupload.adapter.web.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Token bucket of the signing calls, per user.
 *
 * @param capacity {@code upload.rate-limit.capacity}: burst size, 60 by default
 * @param perMinute {@code upload.rate-limit.per-minute}: refill rate, 60 by default
 */
@ConfigurationProperties("upload.rate-limit")
record RateLimitSettings(
        @Bindable(defaultValue = "60") int capacity,
        @Bindable(defaultValue = "60") int perMinute) {

    RateLimitSettings {
        if (capacity < 1 || perMinute < 1) {
            throw new IllegalArgumentException("upload.rate-limit.capacity and per-minute must be >= 1");
        }
    }
}
