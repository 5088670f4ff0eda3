package dev.directupload.adapter.web.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jwt.JWT;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.JsonWebTokenValidator;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * Validates bearer tokens and remembers each valid one until its {@code exp} (issue 14): a token is one string the
 * service signed, so its signature, claims and expiry cannot change while it is kept. micronaut-security's own
 * validator (signature, {@code exp} and the other claim validators) decides every token not yet remembered; this
 * validator also refuses a token whose {@code exp} has passed on the injected clock, and answers a remembered token
 * only while that clock is before its {@code exp}, so nothing is accepted longer than before. Never remembered: a
 * token the delegate refuses (an invalid or forged token is checked in full every time) and one without {@code exp}.
 * At most {@link #MAX_TOKENS} tokens are kept (least recently used dropped first). micronaut-security's reactive
 * validator is switched off in {@code application.yml}
 * ({@code micronaut.security.token.jwt.nimbus.reactive-validator: false}) so that this is the one token validator.
 */
@Singleton
final class CachedTokenValidator implements TokenValidator<HttpRequest<?>> {

    static final int MAX_TOKENS = 10_000;

    private final JsonWebTokenValidator<JWT, HttpRequest<?>> validator;
    private final JwtAuthenticationFactory authentications;
    private final Clock clock;
    private final Cache<String, Verified> verified;

    @Inject
    CachedTokenValidator(
            JsonWebTokenValidator<JWT, HttpRequest<?>> validator,
            JwtAuthenticationFactory authentications,
            Clock clock) {
        this(validator, authentications, clock, MAX_TOKENS);
    }

    CachedTokenValidator(
            JsonWebTokenValidator<JWT, HttpRequest<?>> validator,
            JwtAuthenticationFactory authentications,
            Clock clock,
            int maxTokens) {
        this.validator = validator;
        this.authentications = authentications;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxTokens)
                .expireAfter(new UntilExpiry())
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        return authenticate(token, request).map(Publishers::just).orElseGet(Publishers::empty);
    }

    /** The authentication of a valid, unexpired token; empty for any other. */
    Optional<Authentication> authenticate(String token, HttpRequest<?> request) {
        Instant now = clock.instant();
        Verified known = verified.getIfPresent(token);
        if (known != null) {
            if (now.isBefore(known.expiresAt())) {
                return Optional.of(known.authentication());
            }
            verified.invalidate(token);
            return Optional.empty();
        }
        Optional<JWT> jwt = validator.validate(token, request);
        if (jwt.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> expiresAt = expiry(jwt.get());
        if (expiresAt.isPresent() && !now.isBefore(expiresAt.get())) {
            return Optional.empty();
        }
        Optional<Authentication> authentication = authentications.createAuthentication(jwt.get());
        if (authentication.isPresent() && expiresAt.isPresent()) {
            verified.put(token, new Verified(authentication.get(), expiresAt.get()));
        }
        return authentication;
    }

    /** Tokens remembered now (after dropping the expired and the surplus ones). */
    long remembered() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private static Optional<Instant> expiry(JWT jwt) {
        try {
            Date exp = jwt.getJWTClaimsSet().getExpirationTime();
            return Optional.ofNullable(exp).map(Date::toInstant);
        } catch (ParseException unreadable) {
            return Optional.empty();
        }
    }

    private record Verified(Authentication authentication, Instant expiresAt) {}

    /** Drops an entry once its token has expired (memory only: every read checks the expiry on the clock). */
    private final class UntilExpiry implements Expiry<String, Verified> {

        @Override
        public long expireAfterCreate(String token, Verified value, long currentTime) {
            Duration left = Duration.between(clock.instant(), value.expiresAt());
            return left.isNegative() ? 0 : saturatedNanos(left);
        }

        @Override
        public long expireAfterUpdate(String token, Verified value, long currentTime, long currentDuration) {
            return expireAfterCreate(token, value, currentTime);
        }

        @Override
        public long expireAfterRead(String token, Verified value, long currentTime, long currentDuration) {
            return currentDuration;
        }

        private static long saturatedNanos(Duration duration) {
            try {
                return duration.toNanos();
            } catch (ArithmeticException tooLong) {
                return Long.MAX_VALUE;
            }
        }
    }
}
