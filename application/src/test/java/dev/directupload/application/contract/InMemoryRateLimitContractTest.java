package dev.directupload.application.contract;

import dev.directupload.application.harness.InMemoryRateLimits;
import dev.directupload.application.port.out.ratelimit.RateLimitPort;

/** The rate-limit contract on the harness's plain map. */
class InMemoryRateLimitContractTest extends RateLimitPortContract {

    private final InMemoryRateLimits rateLimits = new InMemoryRateLimits();

    @Override
    protected RateLimitPort rateLimits() {
        return rateLimits;
    }
}
