package dev.directupload.application.port.model;

import java.util.Objects;
import java.util.Optional;

/**
 * An upload callback exactly as it reached the service, before anything in it is trusted.
 *
 * @param rawPath the request path as received, still percent-encoded
 * @param rawQuery the raw query string, when the request has one
 * @param authorization the {@code authorization} header (Base64 of the signature), when present
 * @param publicKeyUrl the {@code x-oss-pub-key-url} header (Base64 of the key's URL), when present
 * @param body the request body, byte for byte
 */
public record SignedCallback(
        String rawPath,
        Optional<String> rawQuery,
        Optional<String> authorization,
        Optional<String> publicKeyUrl,
        byte[] body) {

    public SignedCallback {
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(rawQuery, "rawQuery");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(publicKeyUrl, "publicKeyUrl");
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** True when both signature headers are present and not blank. */
    public boolean isSigned() {
        return authorization.filter(s -> !s.isBlank()).isPresent()
                && publicKeyUrl.filter(s -> !s.isBlank()).isPresent();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedCallback that
                && rawPath.equals(that.rawPath)
                && rawQuery.equals(that.rawQuery)
                && authorization.equals(that.authorization)
                && publicKeyUrl.equals(that.publicKeyUrl)
                && java.util.Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rawPath, rawQuery, authorization, publicKeyUrl, java.util.Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "SignedCallback[" + rawPath + rawQuery.map(q -> "?" + q).orElse("") + ", " + body.length + " bytes]";
    }
}
