package dev.directupload.adapter.web.ratelimit;

import dev.directupload.settings.Positive;
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
        @Positive @Bindable(defaultValue = "60") int capacity,
        @Positive @Bindable(defaultValue = "60") int perMinute) {}
