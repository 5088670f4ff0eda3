package dev.directupload.adapter.oss.upload;

import static dev.directupload.adapter.oss.testing.Vectors.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.directupload.adapter.oss.OssProperties;
import dev.directupload.adapter.oss.testing.SdkPostSignature;
import dev.directupload.adapter.oss.testing.V4Reference;
import dev.directupload.adapter.oss.testing.Vectors;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every POST-policy vector of ../shared/vectors/oss-v4.json, through our signer, the SDK's
 * {@code calculatePostSignature} (the reference) and the policy builder.
 */
class PostPolicyVectorsTest {

    private static final DateTimeFormatter X_OSS_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    static Stream<JsonObject> postVectors() {
        List<JsonObject> vectors = Vectors.list("postPolicyV4");
        assertThat(vectors).hasSize(3);
        return vectors.stream();
    }

    private static Instant dateOf(JsonObject v) {
        return X_OSS_DATE.parse(text(v, "date"), Instant::from);
    }

    private static TemporaryCredentials credentialsOf(JsonObject v) {
        return new TemporaryCredentials(
                text(v, "accessKeyId"),
                text(v, "accessKeySecret"),
                Optional.ofNullable(text(v, "securityToken")),
                dateOf(v).plusSeconds(3600));
    }

    private static V4PolicySigner signerFor(String configuredRegion, String bucket) {
        return new V4PolicySigner(
                new OssProperties(null, configuredRegion, bucket, null, "service-ak", "service-secret", null));
    }

    private static String sign(V4PolicySigner signer, String policyJson, Instant at, TemporaryCredentials c) {
        return signer.sign(Base64.getEncoder().encode(policyJson.getBytes(StandardCharsets.UTF_8)), at, c);
    }

    private static String sdkSignature(String region, String policyJson, Instant at, TemporaryCredentials c) {
        try (SdkPostSignature sdk = new SdkPostSignature(region)) {
            return sdk.sign(
                    policyJson,
                    at,
                    c.accessKeyId(),
                    c.accessKeySecret(),
                    c.securityToken().orElse(null));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("postVectors")
    void signerAndSdkReproduceTheVector(JsonObject v) {
        String json = text(v, "policyJson");
        assertThat(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(text(v, "policyBase64"));
        assertThat(V4Reference.hex(V4Reference.signingKey(
                        text(v, "accessKeySecret"), text(v, "date").substring(0, 8), text(v, "region"))))
                .isEqualTo(text(v, "signingKeyHex"));

        V4PolicySigner signer = signerFor(text(v, "region"), text(v, "bucket"));
        assertThat(sign(signer, json, dateOf(v), credentialsOf(v))).isEqualTo(text(v, "signature"));
        assertThat(sdkSignature(text(v, "region"), json, dateOf(v), credentialsOf(v)))
                .isEqualTo(text(v, "signature"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("postVectors")
    void credentialOfThePolicyIsTheVectors(JsonObject v) {
        PolicyDocumentWriter policy = new PolicyDocumentWriter(
                text(v, "bucket"),
                text(v, "region"),
                text(v, "accessKeyId"),
                text(v, "securityToken"),
                dateOf(v),
                dateOf(v).plusSeconds(60),
                null,
                null,
                List.of());
        assertThat(policy.credential()).isEqualTo(text(v, "credential"));
        assertThat(policy.date()).isEqualTo(text(v, "date"));
    }

    /** The compact vectors (not the pretty-printed one) are exactly what the policy builder writes. */
    @Test
    void policyBuilderWritesTheCompactVectorsByteForByte() {
        JsonObject v1 = Vectors.byId("postPolicyV4", "v1-hangzhou-no-token");
        PolicyDocumentWriter p1 = new PolicyDocumentWriter(
                "examplebucket",
                "cn-hangzhou",
                text(v1, "accessKeyId"),
                null,
                dateOf(v1),
                Instant.parse("2025-04-25T13:34:56.000Z"),
                new KeyCondition.Prefix(new KeyPrefix("uploads/u123/")),
                new SizeRange(ByteSize.ofBytes(1), ByteSize.ofBytes(10485760)),
                List.of());
        assertThat(p1.toJson()).isEqualTo(text(v1, "policyJson"));

        JsonObject v2 = Vectors.byId("postPolicyV4", "v2-shanghai-sts-token");
        PolicyDocumentWriter p2 = new PolicyDocumentWriter(
                "wx-uploads-prod",
                "cn-shanghai",
                text(v2, "accessKeyId"),
                text(v2, "securityToken"),
                dateOf(v2),
                Instant.parse("2026-01-01T00:14:59.000Z"),
                new KeyCondition.Exact(new ObjectKey("wx/2025/12/31/abc123.jpg")),
                new SizeRange(ByteSize.ofBytes(0), ByteSize.ofBytes(52428800)),
                List.of("image/jpeg", "image/png"));
        assertThat(p2.toJson()).isEqualTo(text(v2, "policyJson"));
    }

    /** Negative value: what a signer that kept the {@code oss-} prefix in the region would produce. */
    @Test
    void regionWithOssPrefixIsNormalisedAndNeverProducesTheNegativeSignature() {
        JsonObject v = Vectors.byId("postPolicyV4", "v1-hangzhou-no-token");
        String negative = text(v, "negativeSignatureRegionWithOssPrefix");
        assertThat(V4Reference.postSignature(
                        text(v, "accessKeySecret"), "20250425", "oss-cn-hangzhou", text(v, "policyBase64")))
                .as("the negative value is the oss- prefixed scope")
                .isEqualTo(negative);

        String signature =
                sign(signerFor("oss-cn-hangzhou", "examplebucket"), text(v, "policyJson"), dateOf(v), credentialsOf(v));
        assertThat(signature).isEqualTo(text(v, "signature")).isNotEqualTo(negative);
        assertThat(sdkSignature("oss-cn-hangzhou", text(v, "policyJson"), dateOf(v), credentialsOf(v)))
                .isEqualTo(signature);
    }

    /** Negative value: the scope date taken in local time (Asia/Shanghai is already 2026-01-01). */
    @Test
    void localTimeZoneNeverLeaksIntoTheScopeDate() {
        JsonObject v = Vectors.byId("postPolicyV4", "v2-shanghai-sts-token");
        String negative = text(v, "negativeSignatureLocalDate");
        assertThat(V4Reference.postSignature(
                        text(v, "accessKeySecret"), "20260101", "cn-shanghai", text(v, "policyBase64")))
                .as("the negative value is the local-date scope")
                .isEqualTo(negative);

        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
        try {
            String signature = sign(
                    signerFor("cn-shanghai", "wx-uploads-prod"), text(v, "policyJson"), dateOf(v), credentialsOf(v));
            assertThat(signature).isEqualTo(text(v, "signature")).isNotEqualTo(negative);
            assertThat(sdkSignature("cn-shanghai", text(v, "policyJson"), dateOf(v), credentialsOf(v)))
                    .isEqualTo(signature);
            PolicyDocumentWriter policy = new PolicyDocumentWriter(
                    "wx-uploads-prod",
                    "cn-shanghai",
                    text(v, "accessKeyId"),
                    null,
                    dateOf(v),
                    dateOf(v).plusSeconds(900),
                    null,
                    null,
                    List.of());
            assertThat(policy.date()).isEqualTo("20251231T235959Z");
            assertThat(policy.credential()).isEqualTo(text(v, "credential"));
        } finally {
            TimeZone.setDefault(original);
        }
    }

    /** The pretty-printed vector is signed as its bytes are: re-serialising it would change the signature. */
    @Test
    void prettyPrintedPolicyIsSignedAsIs() {
        JsonObject v = Vectors.byId("postPolicyV4", "v4-beijing-sts-pretty-json");
        String compact =
                com.google.gson.JsonParser.parseString(text(v, "policyJson")).toString();
        V4PolicySigner signer = signerFor("cn-beijing", "bj-bucket");
        assertThat(sign(signer, compact, dateOf(v), credentialsOf(v))).isNotEqualTo(text(v, "signature"));
        assertThat(sign(signer, text(v, "policyJson"), dateOf(v), credentialsOf(v)))
                .isEqualTo(text(v, "signature"));
        assertThat(sdkSignature("cn-beijing", text(v, "policyJson"), dateOf(v), credentialsOf(v)))
                .isEqualTo(text(v, "signature"));
    }

    /** Many threads signing with different credentials through one signer (one key cache) never mix them up. */
    @Test
    void concurrentSignaturesWithDifferentCredentialsStayApart() throws Exception {
        List<JsonObject> vectors = new ArrayList<>();
        for (JsonElement e : Vectors.all().getAsJsonArray("postPolicyV4")) {
            JsonObject v = e.getAsJsonObject();
            if (v.get("region").getAsString().equals("cn-hangzhou")) {
                vectors.add(v);
            }
        }
        JsonObject hz = vectors.get(0);
        TemporaryCredentials other = new TemporaryCredentials(
                "LTAI-other", "other-secret", Optional.empty(), dateOf(hz).plusSeconds(3600));
        String otherExpected =
                V4Reference.postSignature("other-secret", "20250425", "cn-hangzhou", text(hz, "policyBase64"));
        V4PolicySigner signer = signerFor("cn-hangzhou", "examplebucket");
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < 8; t++) {
            boolean useOther = t % 2 == 0;
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 2000; i++) {
                        String sig =
                                sign(signer, text(hz, "policyJson"), dateOf(hz), useOther ? other : credentialsOf(hz));
                        assertThat(sig).isEqualTo(useOther ? otherExpected : text(hz, "signature"));
                    }
                } catch (Throwable failure) {
                    failures.add(failure);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
    }
}
