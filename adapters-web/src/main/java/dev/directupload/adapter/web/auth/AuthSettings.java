package dev.directupload.adapter.web.auth;

import dev.directupload.settings.CheckedSettings;
import dev.directupload.settings.DurationRange;
import dev.directupload.settings.MinLength;
import dev.directupload.settings.Secret;
import dev.directupload.settings.SettingsProblems;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Token and login settings. With any store but the local one a token key must be configured and development login
 * stays off; the settings check refuses the start otherwise.
 *
 * @param jwt {@code auth.jwt.*}
 * @param devLogin {@code auth.dev-login.*}
 */
@ConfigurationProperties("auth")
record AuthSettings(Jwt jwt, DevLogin devLogin) implements CheckedSettings {

    static final String LOCAL = "local";

    @Override
    public void check(SettingsProblems problems) {
        String provider = problems.setting("storage.provider").orElse(LOCAL);
        if (!LOCAL.equals(provider) && (jwt.secret() == null || jwt.secret().isBlank())) {
            problems.add(
                    "auth.jwt.secret",
                    "required unless storage.provider=local (now " + provider + "), at least " + JwtSecret.MIN_LENGTH
                            + " characters");
        }
        if (Boolean.TRUE.equals(devLogin.enabled()) && !LOCAL.equals(provider)) {
            problems.add("auth.dev-login.enabled", "true only with storage.provider=local (now " + provider + ")");
        }
    }

    /**
     * @param secret {@code auth.jwt.secret}: HMAC key of the tokens, at least 32 characters; from the
     *     environment. With the local store it may be left unset: it is then generated once into
     *     {@code secretFile}
     * @param secretFile {@code auth.jwt.secret-file}, {@code ./data/jwt-secret} by default
     * @param ttl {@code auth.jwt.ttl}: token lifetime, 2 h by default, at most 365 days
     */
    @ConfigurationProperties("jwt")
    record Jwt(
            @Secret @MinLength(JwtSecret.MIN_LENGTH) @Nullable
            String secret,

            @Bindable(defaultValue = "./data/jwt-secret") Path secretFile,

            @DurationRange(max = "365d") @Bindable(defaultValue = "2h")
            Duration ttl) {

        @Override
        public String toString() {
            return "Jwt[secret=***, secretFile=" + secretFile + ", ttl=" + ttl + "]";
        }
    }

    /** @param enabled {@code auth.dev-login.enabled}: unset means "on with the local store, off otherwise" */
    @ConfigurationProperties("dev-login")
    record DevLogin(@Nullable Boolean enabled) {}
}
