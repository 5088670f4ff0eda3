package dev.directupload.adapter.web.auth;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Factory;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** Signs and validates tokens with HS256 under {@link JwtSecret}. */
@Factory
final class JwtSignatureFactory {

    @Singleton
    @Named("generator")
    SignatureGeneratorConfiguration tokenSignature(JwtSecret secret) {
        var config = new SecretSignatureConfiguration("generator");
        config.setSecret(secret.value());
        config.setJwsAlgorithm(JWSAlgorithm.HS256);
        return new SecretSignature(config);
    }
}
