package dev.directupload.adapter.web.ratelimit;

import dev.directupload.domain.shared.DomainException;
import java.time.Duration;

/** Too many signing calls: answered 429 with {@code Retry-After}. */
public final class RateLimitedException extends DomainException {

    private final Duration retryAfter;

    RateLimitedException(Duration retryAfter) {
        super("rate_limited", "too many signing requests; retry after " + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
