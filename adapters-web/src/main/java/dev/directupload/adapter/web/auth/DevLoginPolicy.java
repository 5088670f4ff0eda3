package dev.directupload.adapter.web.auth;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;

/**
 * Development login is for the local store only: on by default there, off by default elsewhere. The settings check
 * refuses to start with it switched on for any other storage provider ({@link AuthSettings#check}); this guard
 * stays as a second lock.
 */
@Context
public final class DevLoginPolicy {

    private final boolean enabled;

    DevLoginPolicy(AuthSettings settings, @Value("${storage.provider:local}") String provider) {
        Boolean configured = settings.devLogin().enabled();
        boolean local = AuthSettings.LOCAL.equals(provider);
        if (Boolean.TRUE.equals(configured) && !local) {
            throw new IllegalStateException(
                    "auth.dev-login.enabled=true is allowed only with storage.provider=local, not " + provider);
        }
        this.enabled = configured == null ? local : configured;
    }

    /** Whether {@code POST /auth/dev/login} is served. */
    public boolean enabled() {
        return enabled;
    }
}
