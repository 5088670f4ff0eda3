package dev.directupload.adapter.oss.object;

import static dev.directupload.adapter.oss.testing.Vectors.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.google.gson.JsonObject;
import dev.directupload.adapter.oss.OssProperties;
import dev.directupload.adapter.oss.testing.V4Reference;
import dev.directupload.adapter.oss.testing.Vectors;
import dev.directupload.application.port.model.DownloadUrl;
import dev.directupload.domain.storage.ObjectKey;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The presigned-URL vector. The SDK takes x-oss-date from its own clock ({@code new Date()} inside
 * {@code OSSV4Signer.presign}, no injection point in 3.18.5), so the vector's date cannot be replayed through it.
 * Instead: (1) an independent JDK implementation reproduces the vector's canonical request, string to sign,
 * signature and URL exactly; (2) the URL our adapter gets from the SDK has the vector's exact shape (host, encoded
 * path, parameter order, credential, token) and its signature equals that implementation's for the URL's own date;
 * (3) substituting the vector's date-dependent values into the SDK URL yields the vector URL byte for byte.
 */
class PresignedUrlVectorTest {

    private final JsonObject v = Vectors.list("presignedUrlV4").get(0);
    private final Map<String, String> vectorQuery =
            OssObjectStoreAdapterTest.query(URI.create(text(v, "url")).getRawQuery());

    @Test
    void referenceImplementationReproducesTheVectorExactly() {
        assertThat(Vectors.list("presignedUrlV4")).hasSize(1);
        String canonical =
                V4Reference.presignCanonicalRequest(text(v, "method"), text(v, "bucket"), text(v, "key"), vectorQuery);
        assertThat(canonical).isEqualTo(text(v, "canonicalRequest"));
        String date = vectorQuery.get("x-oss-date");
        String stringToSign = V4Reference.presignStringToSign(date, text(v, "region"), canonical);
        assertThat(stringToSign).isEqualTo(text(v, "stringToSign"));
        String signature =
                V4Reference.presignSignature(text(v, "accessKeySecret"), text(v, "region"), date, stringToSign);
        assertThat(signature).isEqualTo(text(v, "signature"));
        assertThat(rebuild(
                        "https://examplebucket.oss-cn-hangzhou.aliyuncs.com/"
                                + V4Reference.uriEncode(text(v, "key"), true),
                        vectorQuery,
                        signature))
                .isEqualTo(text(v, "url"));
    }

    @Test
    void adapterUrlFromTheSdkHasTheVectorsShapeAndAVerifiableSignature() {
        OssProperties properties = new OssProperties(
                null,
                "oss-cn-hangzhou",
                text(v, "bucket"),
                null,
                text(v, "accessKeyId"),
                text(v, "accessKeySecret"),
                null);
        OSS client = properties.newClient(new DefaultCredentialProvider(
                text(v, "accessKeyId"), text(v, "accessKeySecret"), text(v, "securityToken")));
        try {
            OssObjectStoreAdapter adapter = new OssObjectStoreAdapter(client, properties, Clock.systemUTC());
            DownloadUrl url = adapter.presign(new ObjectKey(text(v, "key")), Duration.ofSeconds(900));

            String vectorUrl = text(v, "url");
            String base = vectorUrl.substring(0, vectorUrl.indexOf('?'));
            assertThat(url.url()).startsWith(base + "?");
            Map<String, String> query =
                    OssObjectStoreAdapterTest.query(URI.create(url.url()).getRawQuery());
            assertThat(List.copyOf(query.keySet())).isEqualTo(List.copyOf(vectorQuery.keySet()));
            String date = query.get("x-oss-date");
            assertThat(query.get("x-oss-credential"))
                    .isEqualTo(
                            text(v, "accessKeyId") + "/" + date.substring(0, 8) + "/cn-hangzhou/oss/aliyun_v4_request");
            assertThat(query.get("x-oss-security-token")).isEqualTo(text(v, "securityToken"));
            assertThat(query.get("x-oss-signature-version")).isEqualTo("OSS4-HMAC-SHA256");
            assertThat(Long.parseLong(query.get("x-oss-expires"))).isBetween(898L, 900L);

            String canonical = V4Reference.presignCanonicalRequest("GET", text(v, "bucket"), text(v, "key"), query);
            String stringToSign = V4Reference.presignStringToSign(date, "cn-hangzhou", canonical);
            assertThat(query.get("x-oss-signature"))
                    .isEqualTo(V4Reference.presignSignature(
                            text(v, "accessKeySecret"), "cn-hangzhou", date, stringToSign));

            // Same URL with the vector's date, expiry and the signature for them: the vector, byte for byte.
            Map<String, String> replayed = new LinkedHashMap<>(query);
            replayed.put("x-oss-date", vectorQuery.get("x-oss-date"));
            replayed.put("x-oss-expires", vectorQuery.get("x-oss-expires"));
            replayed.put("x-oss-credential", vectorQuery.get("x-oss-credential"));
            String replayedCanonical =
                    V4Reference.presignCanonicalRequest("GET", text(v, "bucket"), text(v, "key"), replayed);
            String replayedSignature = V4Reference.presignSignature(
                    text(v, "accessKeySecret"),
                    "cn-hangzhou",
                    replayed.get("x-oss-date"),
                    V4Reference.presignStringToSign(replayed.get("x-oss-date"), "cn-hangzhou", replayedCanonical));
            assertThat(rebuild(url.url().substring(0, url.url().indexOf('?')), replayed, replayedSignature))
                    .isEqualTo(vectorUrl);
        } finally {
            client.shutdown();
        }
    }

    /** The URL with the query in the given order (values RFC 3986-encoded) and the signature last. */
    private static String rebuild(String base, Map<String, String> query, String signature) {
        StringBuilder url = new StringBuilder(base).append('?');
        query.forEach((k, val) -> {
            if (!k.equals("x-oss-signature")) {
                url.append(V4Reference.uriEncode(k, false))
                        .append('=')
                        .append(V4Reference.uriEncode(val, false))
                        .append('&');
            }
        });
        return url.append("x-oss-signature=").append(signature).toString();
    }
}
