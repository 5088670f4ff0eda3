package dev.directupload.adapter.web.ratelimit;

import dev.directupload.domain.shared.DomainException;
import dev.directupload.domain.shared.ErrorCode;
import java.time.Duration;

/** Too many signing calls: answered 429 with {@code Retry-After}. */
public final class RateLimitedException extends DomainException {

    private final Duration retryAfter;

    RateLimitedException(Duration retryAfter) {
        super(ErrorCode.RATE_LIMITED, "too many signing requests; retry after " + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
