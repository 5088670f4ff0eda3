package dev.directupload.adapter.web.ratelimit;

import dev.directupload.domain.shared.DomainException;
import dev.directupload.domain.shared.ErrorCode;
import java.time.Duration;

/** A rate limit was reached: answered 429 {@code rate_limited} with {@code Retry-After} (whole seconds, at least 1). */
public final class RateLimitedException extends DomainException {

    private final Duration retryAfter;

    RateLimitedException(String what, Duration retryAfter) {
        super(ErrorCode.RATE_LIMITED, "too many " + what + "; retry after " + seconds(retryAfter) + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@code Retry-After}: the wait rounded up to whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
