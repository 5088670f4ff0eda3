package dev.directupload.adapter.web.auth;

import dev.directupload.domain.identity.User;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/** Issues the bearer token of a logged-in user; its subject is the user id. */
@Singleton
final class TokenIssuer {

    private final TokenGenerator generator;
    private final AuthSettings settings;

    TokenIssuer(TokenGenerator generator, AuthSettings settings) {
        this.generator = generator;
        this.settings = settings;
    }

    LoginResponse issue(User user) {
        int ttlSeconds = Math.toIntExact(settings.jwt().ttl().toSeconds());
        String token = generator
                .generateToken(Authentication.build(user.id().value(), List.of(), Map.of()), ttlSeconds)
                .orElseThrow(() -> new IllegalStateException("no token generator configured"));
        return new LoginResponse(
                token, ttlSeconds, new LoginResponse.UserRef(user.id().value()));
    }
}
