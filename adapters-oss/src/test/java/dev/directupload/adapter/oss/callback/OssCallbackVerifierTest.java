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

/** The callback vectors of ../shared/vectors/oss-v4.json and the public-key URL rule. */
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
        String pubKeyUrl = v.has("pubKeyUrlHeader") ? text(v, "pubKeyUrlHeader") : text(doc, "pubKeyUrlHeader");
        assertThat(verifier.verify(pubKeyUrl, text(v, "authorizationHeader"), path(v), query(v), body))
                .isEqualTo(v.get("expected").getAsBoolean());
        assertThat(fetched).containsExactly("http://gosspublic.alicdn.com/callback_pub_key_v1.pem");
    }

    @Test
    void publicKeyIsFetchedOncePerUrl() {
        byte[] body = text(doc, "body").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 3; i++) {
            assertThat(verifier.verify(
                            text(doc, "pubKeyUrlHeader"),
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
                "http://gosspublic.alicdn.com@evil.example/k.pem",
                "ftp://gosspublic.alicdn.com/key.pem")) {
            String header = Base64.getEncoder().encodeToString(url.getBytes(StandardCharsets.UTF_8));
            assertThat(verifier.verify(header, text(doc, "authorizationHeader"), path(doc), query(doc), body))
                    .as(url)
                    .isFalse();
        }
        assertThat(fetched).isEmpty();
        assertThat(OssCallbackVerifier.isTrustedKeyUrl("https://gosspublic.alicdn.com/callback_pub_key_v1.pem"))
                .isTrue();
    }

    @Test
    void changedPathQueryOrMalformedHeadersFail() {
        byte[] body = text(doc, "body").getBytes(StandardCharsets.UTF_8);
        String key = text(doc, "pubKeyUrlHeader");
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
