package dev.directupload.adapter.web.ratelimit;

import dev.directupload.application.port.out.ratelimit.Rate;
import dev.directupload.application.port.out.ratelimit.RateLimitPort;
import dev.directupload.domain.identity.UserId;
import io.micronaut.context.annotation.Context;
import java.time.Clock;
import java.time.Duration;

/**
 * The API's rate limits, each a token bucket in the configured {@link RateLimitPort} (this instance's memory, or a
 * table all instances share):
 *
 * <ul>
 *   <li>signing, per user: one token per {@code POST /uploads} or {@code GET /families/oss/signature}, however many
 *       files it carries;
 *   <li>storage checks, per user, beside the signing bucket: one token per {@code complete} and one per item of a
 *       {@code POST /photos}, since each costs a HEAD on the store (a 500-file batch is one signing call but 500
 *       checks);
 *   <li>logins, per client address: one token per {@code POST /auth/*} (WeChat login calls WeChat every time).
 * </ul>
 */
@Context // made at start: a bad upload.rate-limit.* setting stops the start, not the first request
public final class RequestRateLimiter {

    private final RateLimitSettings settings;
    private final RateLimitPort store;
    private final Clock clock;

    RequestRateLimiter(RateLimitSettings settings, RateLimitPort store, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
    }

    /** One signing call of {@code user}, or {@link RateLimitedException}. */
    public void signing(UserId user) {
        take("sign:" + user.value(), 1, settings.signing(), "signing requests");
    }

    /** True when {@link #signing} never waits for another system (the limits are kept in this process). */
    public boolean signingAnswersWithoutWaiting() {
        return store.answersFromMemory();
    }

    /** {@code count} storage checks (1 to check-capacity) of {@code user}, all or none. */
    public void storageChecks(UserId user, int count) {
        take("check:" + user.value(), count, settings.checks(), "storage checks");
    }

    /** One login from {@code clientAddress}. */
    public void login(String clientAddress) {
        take("login:" + clientAddress, 1, settings.logins(), "logins from this address");
    }

    private void take(String key, int cost, Rate rate, String what) {
        Duration wait = store.tryTake(key, cost, rate, clock.instant());
        if (!wait.isZero()) {
            throw new RateLimitedException(what, wait);
        }
    }
}
