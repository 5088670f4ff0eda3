package dev.directupload.adapter.oss.callback;

import static dev.directupload.adapter.oss.testing.Vectors.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.directupload.adapter.oss.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The callback vectors of ../shared/vectors/oss-v4.json and the public-key URL rule. The vectors name the key by
 * {@code http://}; the signature does not cover the key URL, so the vectors are verified with the same key URL over
 * {@code https://}, and the {@code http://} header itself must be refused.
 */
class OssCallbackVerifierTest {

    private final JsonObject doc = Vectors.byId("callbackSignature", "callback-doc-example");
    private final List<String> fetched = new CopyOnWriteArrayList<>();
    private final OssCallbackVerifier verifier = new OssCallbackVerifier(url -> {
        fetched.add(url);
        return text(doc, "publicKeyPem");
    });

    static Stream<JsonObject> callbackVectors() {
        List<JsonObject> vectors = Vectors.list("callbackSignature");
        assertThat(vectors).hasSize(2);
        return vectors.stream();
    }

    private static final String KEY_URL = "https://gosspublic.alicdn.com/callback_pub_key_v1.pem";

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

    @ParameterizedTest(name = "{0}")
    @MethodSource("callbackVectors")
    void verifiesEachVectorAsExpected(JsonObject v) {
        byte[] body = text(v, "body").getBytes(StandardCharsets.UTF_8);
        assertThat(new String(OssCallbackVerifier.stringToVerify(path(v), query(v), body), StandardCharsets.UTF_8))
                .isEqualTo(text(v, "stringToSign"));
        String pubKeyUrl =
                overHttps(v.has("pubKeyUrlHeader") ? text(v, "pubKeyUrlHeader") : text(doc, "pubKeyUrlHeader"));
        assertThat(verifier.verify(pubKeyUrl, text(v, "authorizationHeader"), path(v), query(v), body))
                .isEqualTo(v.get("expected").getAsBoolean());
        assertThat(fetched).containsExactly(KEY_URL);
    }

    @Test
    void publicKeyIsFetchedOncePerUrl() {
        byte[] body = text(doc, "body").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) {
            assertThat(verifier.verify(
                            overHttps(text(doc, "pubKeyUrlHeader")),
                            text(doc, "authorizationHeader"),
                            path(doc),
                            query(doc),
                            body))
                    .isTrue();
        }
        assertThat(fetched).hasSize(1);
    }

    @Test
    void keyFromAnyOtherHostIsRejectedWithoutFetching() {
        byte[] body = text(doc, "body").getBytes(StandardCharsets.UTF_8);
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
            assertThat(verifier.verify(header(url), text(doc, "authorizationHeader"), path(doc), query(doc), body))
                    .as(url)
                    .isFalse();
            assertThat(OssCallbackVerifier.isTrustedKeyUrl(url)).as(url).isFalse();
        }
        assertThat(fetched).isEmpty();
        assertThat(OssCallbackVerifier.isTrustedKeyUrl(KEY_URL)).isTrue();
    }

    @Test
    void keyUrlOverPlainHttp_isRefusedWithoutFetching_evenWithAValidSignature() {
        byte[] body = text(doc, "body").getBytes(StandardCharsets.UTF_8);
        String httpHeader = text(doc, "pubKeyUrlHeader");
        assertThat(new String(Base64.getDecoder().decode(httpHeader), StandardCharsets.UTF_8))
                .isEqualTo("http://gosspublic.alicdn.com/callback_pub_key_v1.pem");

        assertThat(verifier.verify(httpHeader, text(doc, "authorizationHeader"), path(doc), query(doc), body))
                .isFalse();
        assertThat(fetched).isEmpty();
        assertThat(verifier.verify(
                        overHttps(httpHeader), text(doc, "authorizationHeader"), path(doc), query(doc), body))
                .isTrue();
        assertThat(fetched).containsExactly(KEY_URL);
    }

    @Test
    void changedPathQueryOrMalformedHeadersFail() {
        byte[] body = text(doc, "body").getBytes(StandardCharsets.UTF_8);
        String key = overHttps(text(doc, "pubKeyUrlHeader"));
        String auth = text(doc, "authorizationHeader");
        assertThat(verifier.verify(key, auth, "/index.php", "id=1&index=3", body))
                .isFalse();
        assertThat(verifier.verify(key, auth, "/index.php", null, body)).isFalse();
        assertThat(verifier.verify(key, auth, "/other.php", "id=1&index=2", body))
                .isFalse();
        assertThat(verifier.verify(key, "not base64!", "/index.php", "id=1&index=2", body))
                .isFalse();
        assertThat(verifier.verify("%%%", auth, "/index.php", "id=1&index=2", body))
                .isFalse();
        assertThat(verifier.verify(key, auth, "/index.php", "id=1&index=2", body))
                .isTrue();
    }

    @Test
    void pathIsUrlDecodedButPlusStaysPlus() {
        assertThat(new String(
                        OssCallbackVerifier.stringToVerify("/cb/%E6%B5%8B+x", "a=b%20c", new byte[] {'z'}),
                        StandardCharsets.UTF_8))
                .isEqualTo("/cb/测+x?a=b%20c\nz");
    }
}
