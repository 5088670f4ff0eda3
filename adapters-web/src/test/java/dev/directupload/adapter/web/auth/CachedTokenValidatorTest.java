package dev.directupload.adapter.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.directupload.application.harness.MutableClock;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.JsonWebTokenValidator;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class CachedTokenValidatorTest {

    private static final String KEY = "test-secret-test-secret-test-secret-0001";
    private static final Instant NOW = Instant.parse("2026-12-02T02:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final CountingValidator delegate = new CountingValidator();

    private CachedTokenValidator validator(int maxTokens) {
        return new CachedTokenValidator(
                delegate,
                jwt -> {
                    try {
                        return Optional.of(
                                Authentication.build(jwt.getJWTClaimsSet().getSubject()));
                    } catch (ParseException e) {
                        return Optional.empty();
                    }
                },
                clock,
                maxTokens);
    }

    @Test
    void aValidToken_isCheckedInFullOnce_thenAnsweredFromMemory() {
        CachedTokenValidator tokens = validator(100);
        String token = token("u_alice", NOW.plus(Duration.ofHours(2)), KEY);

        for (int i = 0; i < 5; i++) {
            assertThat(subject(tokens, token)).contains("u_alice");
        }
        assertThat(delegate.calls.get()).isEqualTo(1);
    }

    @Test
    void aRememberedToken_isRefusedOnceItsExpiryHasPassed_onTheInjectedClock() {
        CachedTokenValidator tokens = validator(100);
        String token = token("u_alice", NOW.plus(Duration.ofHours(2)), KEY);
        assertThat(subject(tokens, token)).contains("u_alice");

        clock.advance(Duration.ofHours(2).minusSeconds(1));
        assertThat(subject(tokens, token)).contains("u_alice");
        clock.advance(Duration.ofSeconds(1));
        assertThat(subject(tokens, token)).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        assertThat(subject(tokens, token)).isEmpty();
        assertThat(tokens.remembered()).isZero();
    }

    @Test
    void aTokenExpiredOnTheInjectedClock_isRefused_evenWhenTheLibraryStillAcceptsIt() {
        CachedTokenValidator tokens = validator(100);
        clock.advance(Duration.ofHours(3)); // the library checks exp against the system clock (NOW, here)
        String token = token("u_alice", NOW.plus(Duration.ofHours(2)), KEY);

        assertThat(subject(tokens, token)).isEmpty();
        assertThat(tokens.remembered()).isZero();
    }

    @Test
    void anInvalidToken_isNeverRemembered_andCheckedInFullEveryTime() {
        CachedTokenValidator tokens = validator(100);
        String forged = token("u_alice", NOW.plus(Duration.ofHours(2)), "another-secret-another-secret-another-01");

        for (int i = 0; i < 3; i++) {
            assertThat(subject(tokens, forged)).isEmpty();
            assertThat(subject(tokens, "not.a.token")).isEmpty();
        }
        assertThat(delegate.calls.get()).isEqualTo(6);
        assertThat(tokens.remembered()).isZero();
    }

    @Test
    void aTokenWithoutExpiry_isAnsweredAsBefore_butNotRemembered() {
        CachedTokenValidator tokens = validator(100);
        String token = token("u_alice", null, KEY);

        assertThat(subject(tokens, token)).contains("u_alice");
        assertThat(subject(tokens, token)).contains("u_alice");
        assertThat(delegate.calls.get()).isEqualTo(2);
        assertThat(tokens.remembered()).isZero();
    }

    @Test
    void aFloodOfValidTokens_keepsAtMostTheBound_andEveryTokenStillValidates() {
        CachedTokenValidator tokens = validator(50);
        for (int i = 0; i < 500; i++) {
            String token = token("u_" + i, NOW.plus(Duration.ofHours(2)), KEY);
            assertThat(subject(tokens, token)).contains("u_" + i);
            assertThat(tokens.remembered()).isLessThanOrEqualTo(50);
        }
        String early = token("u_0", NOW.plus(Duration.ofHours(2)), KEY);
        assertThat(subject(tokens, early)).contains("u_0");
    }

    private static Optional<String> subject(CachedTokenValidator tokens, String token) {
        return Mono.from(tokens.validateToken(token, HttpRequest.GET("/families")))
                .blockOptional()
                .map(Authentication::getName);
    }

    private static String token(String subject, Instant expiresAt, String key) {
        try {
            JWTClaimsSet.Builder claims =
                    new JWTClaimsSet.Builder().subject(subject).issueTime(Date.from(NOW));
            if (expiresAt != null) {
                claims.expirationTime(Date.from(expiresAt));
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What micronaut-security's validator does for these tokens: the HS256 signature under {@link #KEY}, and
     * {@code exp} against the system clock — here fixed at {@link #NOW}.
     */
    private static final class CountingValidator implements JsonWebTokenValidator<JWT, HttpRequest<?>> {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Optional<JWT> validate(String token, HttpRequest<?> request) {
            calls.incrementAndGet();
            try {
                SignedJWT jwt = SignedJWT.parse(token);
                if (!jwt.verify(new MACVerifier(KEY))) {
                    return Optional.empty();
                }
                Date exp = jwt.getJWTClaimsSet().getExpirationTime();
                if (exp != null && exp.toInstant().isBefore(NOW)) {
                    return Optional.empty();
                }
                return Optional.of(jwt);
            } catch (ParseException | JOSEException e) {
                return Optional.empty();
            }
        }
    }
}
