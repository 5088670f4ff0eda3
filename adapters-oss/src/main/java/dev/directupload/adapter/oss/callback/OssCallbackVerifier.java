package dev.directupload.adapter.oss.callback;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
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
 * the raw body), with a public key fetched once per URL and only over HTTPS from {@code gosspublic.alicdn.com}: a key
 * URL over plain HTTP could be answered by a man in the middle with his own key.
 */
class OssCallbackVerifier {

    private static final String TRUSTED_KEY_HOST = "gosspublic.alicdn.com";
    private static final String TRUSTED_KEY_PREFIX = "https://" + TRUSTED_KEY_HOST + "/";

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

    /**
     * True only for {@code https://gosspublic.alicdn.com/...}: exactly that scheme and host, spelled so, with no user
     * info, no port, no query or fragment, nothing a URL parser could read as another host.
     */
    static boolean isTrustedKeyUrl(String url) {
        if (!url.startsWith(TRUSTED_KEY_PREFIX)) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        return "https".equals(uri.getScheme())
                && TRUSTED_KEY_HOST.equals(uri.getHost())
                && TRUSTED_KEY_HOST.equals(uri.getRawAuthority())
                && uri.getRawUserInfo() == null
                && uri.getPort() == -1
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null
                && uri.getRawPath() != null
                && uri.getRawPath().startsWith("/");
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
