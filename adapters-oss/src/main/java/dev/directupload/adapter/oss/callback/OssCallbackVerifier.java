package dev.directupload.adapter.oss.callback;

import dev.directupload.application.port.model.SignedCallback;
import dev.directupload.application.port.out.callback.CallbackSignature;
import dev.directupload.application.port.out.callback.VerifyCallbackSignaturePort;
import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.domain.shared.ErrorCode;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Verifies the signature of an OSS upload callback (MD5withRSA over URL-decoded path, {@code ?query}, newline and
 * the raw body) with the public key its {@code x-oss-pub-key-url} names, but only when that URL is one this service
 * trusts: on OSS only {@code https://gosspublic.alicdn.com/...} (a key URL over plain HTTP could be answered by a man in
 * the middle with his own key; any other host by anyone), with the local store only its own key URL. Keys are fetched
 * once per URL and kept in a cache of bounded size, least recently used out.
 */
public final class OssCallbackVerifier implements VerifyCallbackSignaturePort {

    private static final String TRUSTED_KEY_HOST = "gosspublic.alicdn.com";
    private static final String TRUSTED_KEY_PREFIX = "https://" + TRUSTED_KEY_HOST + "/";

    /** How many key URLs an OSS verifier keeps keys for (OSS uses one or two). */
    public static final int OSS_KEY_CACHE_SIZE = 8;

    /** Fetches the PEM text of a public key URL (already checked to be trusted). */
    @FunctionalInterface
    public interface PublicKeySource {
        /** @throws RuntimeException when the key cannot be had now */
        String fetchPem(String url);
    }

    private final Predicate<String> trustedKeyUrl;
    private final PublicKeySource keySource;
    private final int cacheSize;
    private final Map<String, PublicKey> keys;

    /**
     * @param trustedKeyUrl true for the (decoded) key URLs whose keys may be fetched and believed
     * @param cacheSize how many key URLs' keys are kept, at least 1
     */
    public OssCallbackVerifier(Predicate<String> trustedKeyUrl, PublicKeySource keySource, int cacheSize) {
        if (cacheSize < 1) {
            throw new IllegalArgumentException("cacheSize must be at least 1, was " + cacheSize);
        }
        this.trustedKeyUrl = Objects.requireNonNull(trustedKeyUrl, "trustedKeyUrl");
        this.keySource = Objects.requireNonNull(keySource, "keySource");
        this.cacheSize = cacheSize;
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PublicKey> eldest) {
                return size() > OssCallbackVerifier.this.cacheSize;
            }
        };
    }

    /** The verifier for OSS: keys only from {@code https://gosspublic.alicdn.com/}. */
    public static OssCallbackVerifier forOss(PublicKeySource keySource) {
        return new OssCallbackVerifier(OssCallbackVerifier::isTrustedKeyUrl, keySource, OSS_KEY_CACHE_SIZE);
    }

    @Override
    public CallbackSignature verify(SignedCallback callback) {
        if (!callback.isSigned()) {
            return CallbackSignature.MISSING;
        }
        return verify(
                callback.publicKeyUrl().orElseThrow(),
                callback.authorization().orElseThrow(),
                callback.rawPath(),
                callback.rawQuery().orElse(null),
                callback.body());
    }

    /**
     * @param pubKeyUrlHeader the {@code x-oss-pub-key-url} header as received (Base64)
     * @param authorizationHeader the {@code authorization} header as received (Base64 signature)
     * @param rawPath the request path as received (percent-encoded)
     * @param rawQuery the raw query string, or {@code null} when the request has none
     * @param body the request body bytes exactly as received
     * @throws DependencyUnavailableException {@code storage_unavailable} when a trusted key cannot be fetched
     */
    CallbackSignature verify(
            String pubKeyUrlHeader, String authorizationHeader, String rawPath, String rawQuery, byte[] body) {
        String keyUrl;
        byte[] signature;
        try {
            keyUrl = new String(Base64.getDecoder().decode(pubKeyUrlHeader.strip()), StandardCharsets.UTF_8);
            signature = Base64.getDecoder().decode(authorizationHeader.strip());
        } catch (IllegalArgumentException e) {
            return CallbackSignature.INVALID;
        }
        if (!trustedKeyUrl.test(keyUrl)) {
            return CallbackSignature.UNTRUSTED_KEY;
        }
        try {
            Signature verifier = Signature.getInstance("MD5withRSA");
            verifier.initVerify(key(keyUrl));
            verifier.update(stringToVerify(rawPath, rawQuery, body));
            return verifier.verify(signature) ? CallbackSignature.VALID : CallbackSignature.INVALID;
        } catch (GeneralSecurityException e) {
            return CallbackSignature.INVALID;
        }
    }

    /** The cached key of a trusted URL, fetched when absent; a failed fetch is not cached. */
    private PublicKey key(String url) {
        synchronized (keys) {
            PublicKey cached = keys.get(url);
            if (cached != null) {
                return cached;
            }
        }
        PublicKey fetched;
        try {
            fetched = parsePem(keySource.fetchPem(url));
        } catch (RuntimeException e) {
            throw new DependencyUnavailableException(
                    ErrorCode.STORAGE_UNAVAILABLE, "the storage's public key at " + url + " could not be had", e);
        }
        synchronized (keys) {
            keys.putIfAbsent(url, fetched);
        }
        return fetched;
    }

    /** How many key URLs' keys are cached now. */
    int cachedKeys() {
        synchronized (keys) {
            return keys.size();
        }
    }

    /**
     * True only for {@code https://gosspublic.alicdn.com/...}: exactly that scheme and host, spelled so, with no user
     * info, no port, no query or fragment, nothing a URL parser could read as another host.
     */
    public static boolean isTrustedKeyUrl(String url) {
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
            throw new IllegalStateException("the callback public key is not an X.509 RSA PEM", e);
        }
    }
}
