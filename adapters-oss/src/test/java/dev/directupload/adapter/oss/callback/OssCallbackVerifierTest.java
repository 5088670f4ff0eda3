package dev.directupload.adapter.oss.callback;

import static dev.directupload.adapter.oss.testing.Vectors.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import dev.directupload.adapter.oss.testing.Vectors;
import dev.directupload.application.port.model.SignedCallback;
import dev.directupload.application.port.out.callback.CallbackSignature;
import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.domain.shared.DomainException;
import dev.directupload.domain.shared.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The callback vectors of ../shared/vectors/oss-v4.json, the public-key URL rule and the key cache. The vectors name
 * the key by {@code http://}; the signature does not cover the key URL, so the vectors are verified with the same key
 * URL over {@code https://}, and the {@code http://} header itself must be refused.
 */
class OssCallbackVerifierTest {

    private static final String KEY_URL = "https://gosspublic.alicdn.com/callback_pub_key_v1.pem";

    private final JsonObject doc = Vectors.byId("callbackSignature", "callback-doc-example");
    private final List<String> fetched = new CopyOnWriteArrayList<>();
    private final OssCallbackVerifier verifier = OssCallbackVerifier.forOss(url -> {
        fetched.add(url);
        return text(doc, "publicKeyPem");
    });

    static Stream<JsonObject> callbackVectors() {
        List<JsonObject> vectors = Vectors.list("callbackSignature");
        assertThat(vectors).hasSize(2);
        return vectors.stream();
    }

    /** The vector's key URL header with its {@code http://} scheme made {@code https://}. */
    private static String overHttps(String pubKeyUrlHeader) {
        String url = new String(Base64.getDecoder().decode(pubKeyUrlHeader), StandardCharsets.UTF_8);
        assertThat(url).startsWith("http://gosspublic.alicdn.com/");
        return header("https://" + url.substring("http://".length()));
    }

    private static String header(String url) {
        return Base64.getEncoder().encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }

    private static String path(JsonObject v) {
        String target = text(v, "requestTarget");
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    private static String query(JsonObject v) {
        String target = text(v, "requestTarget");
        int q = target.indexOf('?');
        return q < 0 ? null : target.substring(q + 1);
    }

    private static byte[] body(JsonObject v) {
        return text(v, "body").getBytes(StandardCharsets.UTF_8);
    }

    private CallbackSignature verifyDoc(OssCallbackVerifier v, String keyUrlHeader) {
        return v.verify(keyUrlHeader, text(doc, "authorizationHeader"), path(doc), query(doc), body(doc));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callbackVectors")
    void verifiesEachVectorAsExpected(JsonObject v) {
        assertThat(new String(OssCallbackVerifier.stringToVerify(path(v), query(v), body(v)), StandardCharsets.UTF_8))
                .isEqualTo(text(v, "stringToSign"));
        String pubKeyUrl =
                overHttps(v.has("pubKeyUrlHeader") ? text(v, "pubKeyUrlHeader") : text(doc, "pubKeyUrlHeader"));
        SignedCallback callback = new SignedCallback(
                path(v),
                Optional.ofNullable(query(v)),
                Optional.of(text(v, "authorizationHeader")),
                Optional.of(pubKeyUrl),
                body(v));

        assertThat(verifier.verify(callback))
                .isEqualTo(v.get("expected").getAsBoolean() ? CallbackSignature.VALID : CallbackSignature.INVALID);
        assertThat(fetched).containsExactly(KEY_URL);
    }

    @Test
    void publicKeyIsFetchedOncePerUrl() {
        for (int i = 0; i < 3; i++) {
            assertThat(verifyDoc(verifier, overHttps(text(doc, "pubKeyUrlHeader"))))
                    .isEqualTo(CallbackSignature.VALID);
        }
        assertThat(fetched).hasSize(1);
    }

    @Test
    void theKeyCacheIsBounded_leastRecentlyUsedOut() {
        OssCallbackVerifier bounded = new OssCallbackVerifier(
                url -> url.startsWith("https://keys.test/"),
                url -> {
                    fetched.add(url);
                    return text(doc, "publicKeyPem");
                },
                2);
        for (String url : List.of("https://keys.test/a", "https://keys.test/b", "https://keys.test/c")) {
            assertThat(verifyDoc(bounded, header(url))).isEqualTo(CallbackSignature.VALID);
            assertThat(bounded.cachedKeys()).isLessThanOrEqualTo(2);
        }
        assertThat(bounded.cachedKeys()).isEqualTo(2);
        assertThat(verifyDoc(bounded, header("https://keys.test/c"))).isEqualTo(CallbackSignature.VALID);
        assertThat(verifyDoc(bounded, header("https://keys.test/a"))).isEqualTo(CallbackSignature.VALID);

        // c was still cached; a had been evicted and is fetched again
        assertThat(fetched)
                .containsExactly(
                        "https://keys.test/a", "https://keys.test/b", "https://keys.test/c", "https://keys.test/a");
        assertThat(bounded.cachedKeys()).isEqualTo(2);
        assertThatThrownBy(() -> new OssCallbackVerifier(url -> true, url -> "", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyThatCannotBeFetched_isStorageUnavailable_andNotCached() {
        AtomicBoolean down = new AtomicBoolean(true);
        OssCallbackVerifier flaky = OssCallbackVerifier.forOss(url -> {
            fetched.add(url);
            if (down.get()) {
                throw new IllegalStateException("connect timed out");
            }
            return text(doc, "publicKeyPem");
        });

        assertThatThrownBy(() -> verifyDoc(flaky, overHttps(text(doc, "pubKeyUrlHeader"))))
                .isInstanceOf(DependencyUnavailableException.class)
                .extracting(e -> ((DomainException) e).code())
                .isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
        assertThat(flaky.cachedKeys()).isZero();

        down.set(false);
        assertThat(verifyDoc(flaky, overHttps(text(doc, "pubKeyUrlHeader")))).isEqualTo(CallbackSignature.VALID);
        assertThat(fetched).containsExactly(KEY_URL, KEY_URL);
    }

    @Test
    void aTrustedUrlAnsweringSomethingElseThanAKey_isUnavailable_notValid() {
        OssCallbackVerifier garbage = OssCallbackVerifier.forOss(url -> "<html>not a key</html>");
        assertThatThrownBy(() -> verifyDoc(garbage, overHttps(text(doc, "pubKeyUrlHeader"))))
                .isInstanceOf(DependencyUnavailableException.class);
    }

    @Test
    void keyFromAnyOtherHostIsRejectedWithoutFetching() {
        for (String url : List.of(
                "http://evil.example.com/callback_pub_key_v1.pem",
                "https://gosspublic.alicdn.com.evil.example/key.pem",
                "https://gosspublic.alicdn.com.evil.com/",
                "https://gosspublic.alicdn.com@evil/",
                "https://gosspublic.alicdn.com@evil.example/k.pem",
                "http://gosspublic.alicdn.com@evil.example/k.pem",
                "https://user@gosspublic.alicdn.com/callback_pub_key_v1.pem",
                "https://gosspublic.alicdn.com:8443/callback_pub_key_v1.pem",
                "https://gosspublic.alicdn.com:443/callback_pub_key_v1.pem",
                "https://gosspublic.alicdn.com/key.pem#@evil.example/",
                "https://gosspublic.alicdn.com/key.pem?next=https://evil.example/",
                "https://gosspublic.alicdn.com\\@evil.example/",
                "https://gosspublic.alicdn.com/ @evil.example/",
                "HTTPS://GOSSPUBLIC.ALICDN.COM/callback_pub_key_v1.pem",
                "https:gosspublic.alicdn.com/callback_pub_key_v1.pem",
                "ftp://gosspublic.alicdn.com/key.pem")) {
            assertThat(verifyDoc(verifier, header(url))).as(url).isEqualTo(CallbackSignature.UNTRUSTED_KEY);
            assertThat(OssCallbackVerifier.isTrustedKeyUrl(url)).as(url).isFalse();
        }
        assertThat(fetched).isEmpty();
        assertThat(OssCallbackVerifier.isTrustedKeyUrl(KEY_URL)).isTrue();
    }

    @Test
    void keyUrlOverPlainHttp_isRefusedWithoutFetching_evenWithAValidSignature() {
        String httpHeader = text(doc, "pubKeyUrlHeader");
        assertThat(new String(Base64.getDecoder().decode(httpHeader), StandardCharsets.UTF_8))
                .isEqualTo("http://gosspublic.alicdn.com/callback_pub_key_v1.pem");

        assertThat(verifyDoc(verifier, httpHeader)).isEqualTo(CallbackSignature.UNTRUSTED_KEY);
        assertThat(fetched).isEmpty();
        assertThat(verifyDoc(verifier, overHttps(httpHeader))).isEqualTo(CallbackSignature.VALID);
        assertThat(fetched).containsExactly(KEY_URL);
    }

    @Test
    void changedPathQueryOrMalformedHeadersFail() {
        byte[] body = body(doc);
        String key = overHttps(text(doc, "pubKeyUrlHeader"));
        String auth = text(doc, "authorizationHeader");
        assertThat(verifier.verify(key, auth, "/index.php", "id=1&index=3", body))
                .isEqualTo(CallbackSignature.INVALID);
        assertThat(verifier.verify(key, auth, "/index.php", null, body)).isEqualTo(CallbackSignature.INVALID);
        assertThat(verifier.verify(key, auth, "/other.php", "id=1&index=2", body))
                .isEqualTo(CallbackSignature.INVALID);
        assertThat(verifier.verify(key, "not base64!", "/index.php", "id=1&index=2", body))
                .isEqualTo(CallbackSignature.INVALID);
        assertThat(verifier.verify("%%%", auth, "/index.php", "id=1&index=2", body))
                .isEqualTo(CallbackSignature.INVALID);
        assertThat(verifier.verify(key, auth, "/index.php", "id=1&index=2", body))
                .isEqualTo(CallbackSignature.VALID);
    }

    @Test
    void anUnsignedCallback_isMissing_withoutFetching() {
        byte[] body = body(doc);
        String key = overHttps(text(doc, "pubKeyUrlHeader"));
        assertThat(verifier.verify(new SignedCallback(
                        "/index.php", Optional.of("id=1&index=2"), Optional.empty(), Optional.of(key), body)))
                .isEqualTo(CallbackSignature.MISSING);
        assertThat(verifier.verify(new SignedCallback(
                        "/index.php",
                        Optional.of("id=1&index=2"),
                        Optional.of(text(doc, "authorizationHeader")),
                        Optional.of(" "),
                        body)))
                .isEqualTo(CallbackSignature.MISSING);
        assertThat(fetched).isEmpty();
    }

    @Test
    void pathIsUrlDecodedButPlusStaysPlus() {
        assertThat(new String(
                        OssCallbackVerifier.stringToVerify("/cb/%E6%B5%8B+x", "a=b%20c", new byte[] {'z'}),
                        StandardCharsets.UTF_8))
                .isEqualTo("/cb/测+x?a=b%20c\nz");
    }
}
