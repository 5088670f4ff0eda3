package dev.directupload.adapter.web.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Token and login settings.
 *
 * @param jwt {@code auth.jwt.*}
 * @param devLogin {@code auth.dev-login.*}
 */
@ConfigurationProperties("auth")
record AuthSettings(Jwt jwt, DevLogin devLogin) {

    /**
     * @param secret {@code auth.jwt.secret}: HMAC key of the tokens, at least 32 characters; from the
     *     environment. With the local store it may be left unset: it is then generated once into
     *     {@code secretFile}
     * @param secretFile {@code auth.jwt.secret-file}, {@code ./data/jwt-secret} by default
     * @param ttl {@code auth.jwt.ttl}: token lifetime, 2 h by default
     */
    @ConfigurationProperties("jwt")
    record Jwt(
            @Nullable String secret,
            @Bindable(defaultValue = "./data/jwt-secret") Path secretFile,
            @Bindable(defaultValue = "2h") Duration ttl) {

        @Override
        public String toString() {
            return "Jwt[secret=***, secretFile=" + secretFile + ", ttl=" + ttl + "]";
        }
    }

    /** @param enabled {@code auth.dev-login.enabled}: unset means "on with the local store, off otherwise" */
    @ConfigurationProperties("dev-login")
    record DevLogin(@Nullable Boolean enabled) {}
}
