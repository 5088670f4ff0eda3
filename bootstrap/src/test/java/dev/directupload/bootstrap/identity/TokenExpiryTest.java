package dev.directupload.bootstrap.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.bootstrap.support.Api;
import dev.directupload.bootstrap.support.MutableClock;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.security.token.validator.TokenValidator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens are remembered after their first full check (issue 14) but never outlive their {@code exp}: the
 * service's clock moved past it refuses a token it answered from memory a moment before.
 */
@MicronautTest(transactional = false)
@Property(name = "test.clock", value = "mutable")
@Property(name = "auth.jwt.ttl", value = "10m")
class TokenExpiryTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    MutableClock clock;

    @Inject
    BeanContext context;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Api api() {
        return new Api(client.toBlocking());
    }

    @Test
    void aTokenAnsweredFromMemory_isRefusedOnceTheClockPassesItsExpiry() {
        String token = api().login("expiry");
        for (int i = 0; i < 3; i++) {
            assertThat(api().get("/families", token).status()).isEqualTo(200);
        }

        clock.advance(Duration.ofMinutes(9));
        assertThat(api().get("/families", token).status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        Api.Answer refused = api().get("/families", token);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text("code")).isEqualTo("unauthorized");
    }

    @Test
    void aForgedToken_isRefused_everyTime() {
        String token = api().login("forger");
        String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(api().get("/families", token).status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(api().get("/families", forged).status()).isEqualTo(401);
        }
    }

    @Test
    void theCachingValidator_isTheOnlyTokenValidator() {
        var validators = context.getBeansOfType(Argument.of(TokenValidator.class, Argument.of(HttpRequest.class)));
        assertThat(validators)
                .singleElement()
                .satisfies(v -> assertThat(v.getClass().getSimpleName()).isEqualTo("CachedTokenValidator"));
    }
}
