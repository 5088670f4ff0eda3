package dev.directupload.adapter.oss.callback;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies the signature of an OSS upload callback (MD5withRSA over URL-decoded path, {@code ?query}, newline and
 * the raw body), with a public key fetched once per URL and only from {@code gosspublic.alicdn.com}.
 */
class OssCallbackVerifier {

    private static final String[] TRUSTED_KEY_PREFIXES = {
        "http://gosspublic.alicdn.com/", "https://gosspublic.alicdn.com/"
    };

    /** Fetches the PEM text of a public key URL (already checked to be OSS's own). */
    @FunctionalInterface
    interface PublicKeySource {
        String fetchPem(String url);
    }

    private final PublicKeySource keySource;
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();

    OssCallbackVerifier(PublicKeySource keySource) {
        this.keySource = Objects.requireNonNull(keySource, "keySource");
    }

    /**
     * @param pubKeyUrlHeader the {@code x-oss-pub-key-url} header as received (Base64)
     * @param authorizationHeader the {@code authorization} header as received (Base64 signature)
     * @param rawPath the request path as received (percent-encoded)
     * @param rawQuery the raw query string, or {@code null} when the request has none
     * @param body the request body bytes exactly as received
     * @return true only when the key comes from OSS and the signature matches
     */
    boolean verify(String pubKeyUrlHeader, String authorizationHeader, String rawPath, String rawQuery, byte[] body) {
        if (pubKeyUrlHeader == null || authorizationHeader == null || rawPath == null || body == null) {
            return false;
        }
        String keyUrl;
        byte[] signature;
        try {
            keyUrl = new String(Base64.getDecoder().decode(pubKeyUrlHeader.strip()), StandardCharsets.UTF_8);
            signature = Base64.getDecoder().decode(authorizationHeader.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!isTrustedKeyUrl(keyUrl)) {
            return false;
        }
        PublicKey key = keys.computeIfAbsent(keyUrl, url -> parsePem(keySource.fetchPem(url)));
        try {
            Signature verifier = Signature.getInstance("MD5withRSA");
            verifier.initVerify(key);
            verifier.update(stringToVerify(rawPath, rawQuery, body));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static boolean isTrustedKeyUrl(String url) {
        for (String prefix : TRUSTED_KEY_PREFIXES) {
            if (url.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** URL-decoded path, {@code "?" + raw query} when there is one, {@code "\n"}, then the body bytes unchanged. */
    static byte[] stringToVerify(String rawPath, String rawQuery, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rawPath.length() + body.length + 64);
        String head = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8)
                + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery) + "\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    static PublicKey parsePem(String pem) {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("OSS callback public key is not an X.509 RSA PEM", e);
        }
    }
}
