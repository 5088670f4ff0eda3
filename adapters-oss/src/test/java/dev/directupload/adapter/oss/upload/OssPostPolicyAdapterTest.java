package dev.directupload.adapter.oss.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.directupload.adapter.oss.OssProperties;
import dev.directupload.adapter.oss.testing.V4Reference;
import dev.directupload.application.harness.MutableClock;
import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.application.port.out.storage.UploadCallbackRequest;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.upload.UploadId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class OssPostPolicyAdapterTest {

    private static final Instant NOW = Instant.parse("2026-03-15T23:59:58.734Z");
    private static final FamilyId FAMILY = new FamilyId("f_1");
    private static final ObjectKey KEY = new ObjectKey("families/f_1/objects/9e/9e107d9d372bb6826bd81d3542a419d6.jpg");

    private final MutableClock clock = new MutableClock(NOW);
    private final OssProperties properties =
            new OssProperties(null, "oss-cn-shanghai", "album-bucket", null, "service-ak", "service-secret", null);
    private final V4PolicySigner signer = new V4PolicySigner(properties);

    private static TemporaryCredentials sts(Instant expiresAt) {
        return new TemporaryCredentials("STS.key1", "sts/secret+1", Optional.of("CAIS/token=="), expiresAt);
    }

    private OssPostPolicyAdapter adapter(TemporaryCredentials credentials, OssProperties props) {
        return new OssPostPolicyAdapter((scope, ttl) -> credentials, signer, props, clock);
    }

    private static UploadFormRequest exact(Set<String> types, Duration ttl) {
        return new UploadFormRequest(
                FAMILY, new KeyCondition.Exact(KEY), SizeRange.exactly(ByteSize.ofBytes(2048)), types, ttl);
    }

    private static String decodedPolicy(UploadForm form) {
        return new String(Base64.getDecoder().decode(form.fields().get("policy")), StandardCharsets.UTF_8);
    }

    @Test
    void givenStsCredentials_sign_returnsFieldsInOrderWithTokenAndPinnedType() {
        UploadForm form = adapter(sts(NOW.plus(Duration.ofHours(1))), properties)
                .sign(exact(Set.of("image/jpeg"), Duration.ofMinutes(10)));

        assertThat(form.url()).isEqualTo("https://album-bucket.oss-cn-shanghai.aliyuncs.com");
        assertThat(form.fields().keySet())
                .containsExactly(
                        "key",
                        "policy",
                        "x-oss-signature-version",
                        "x-oss-credential",
                        "x-oss-date",
                        "x-oss-signature",
                        "x-oss-security-token",
                        "success_action_status",
                        "Content-Type");
        assertThat(form.fields())
                .containsEntry("key", KEY.value())
                .containsEntry("x-oss-signature-version", "OSS4-HMAC-SHA256")
                .containsEntry("x-oss-credential", "STS.key1/20260315/cn-shanghai/oss/aliyun_v4_request")
                .containsEntry("x-oss-date", "20260315T235958Z")
                .containsEntry("x-oss-security-token", "CAIS/token==")
                .containsEntry("success_action_status", "200")
                .containsEntry("Content-Type", "image/jpeg");
        assertThat(form.expiresAt()).isEqualTo(Instant.parse("2026-03-16T00:09:58Z"));
        assertThat(decodedPolicy(form))
                .isEqualTo("{\"expiration\":\"2026-03-16T00:09:58.000Z\",\"conditions\":["
                        + "{\"bucket\":\"album-bucket\"},{\"x-oss-signature-version\":\"OSS4-HMAC-SHA256\"},"
                        + "{\"x-oss-credential\":\"STS.key1/20260315/cn-shanghai/oss/aliyun_v4_request\"},"
                        + "{\"x-oss-date\":\"20260315T235958Z\"},{\"x-oss-security-token\":\"CAIS/token==\"},"
                        + "[\"content-length-range\",2048,2048],[\"eq\",\"$key\",\"" + KEY.value() + "\"],"
                        + "[\"in\",\"$content-type\",[\"image/jpeg\"]],[\"eq\",\"$success_action_status\",\"200\"]]}");
    }

    @Test
    void signatureCoversExactlyTheReturnedPolicyBytes() {
        UploadForm form = adapter(sts(NOW.plus(Duration.ofHours(1))), properties)
                .sign(exact(Set.of("image/png", "image/jpeg"), Duration.ofMinutes(15)));
        assertThat(form.fields().get("x-oss-signature"))
                .isEqualTo(V4Reference.postSignature(
                        "sts/secret+1", "20260315", "cn-shanghai", form.fields().get("policy")));
        assertThat(form.fields().get("policy")).doesNotContain("\n");
    }

    @Test
    void givenSeveralTypes_sign_pinsThemSortedAndSendsNoContentTypeField() {
        UploadForm form = adapter(sts(NOW.plus(Duration.ofHours(1))), properties)
                .sign(exact(Set.of("video/mp4", "image/jpeg"), Duration.ofMinutes(10)));
        assertThat(decodedPolicy(form)).contains("[\"in\",\"$content-type\",[\"image/jpeg\",\"video/mp4\"]]");
        assertThat(form.fields()).doesNotContainKey("Content-Type");
    }

    @Test
    void givenPrefixRequestWithoutTypes_sign_usesStartsWithAndPinsNoType() {
        KeyPrefix prefix = KeyPrefix.incoming(FAMILY, new UserId("u_7"));
        UploadForm form = adapter(sts(NOW.plus(Duration.ofHours(1))), properties)
                .sign(new UploadFormRequest(
                        FAMILY,
                        new KeyCondition.Prefix(prefix),
                        SizeRange.upTo(ByteSize.ofMegabytes(50)),
                        Set.of(),
                        Duration.ofMinutes(5)));
        assertThat(decodedPolicy(form))
                .contains("[\"starts-with\",\"$key\",\"families/f_1/incoming/u_7/\"]")
                .contains("[\"content-length-range\",1,52428800]")
                .doesNotContain("content-type");
        assertThat(form.fields()).containsEntry("key", prefix.value()).doesNotContainKey("Content-Type");
    }

    @Test
    void givenCredentialsExpiringSoon_sign_cutsThePolicyToThem() {
        Instant credsExpire = NOW.plusSeconds(200);
        UploadForm form = adapter(sts(credsExpire), properties).sign(exact(Set.of(), Duration.ofMinutes(15)));
        assertThat(form.expiresAt()).isEqualTo(credsExpire);
        assertThat(decodedPolicy(form)).contains("\"expiration\":\"2026-03-16T00:03:18.734Z\"");
    }

    @Test
    void givenExpiredCredentials_sign_refusesAndSignsNothing() {
        assertThatThrownBy(() ->
                        adapter(sts(NOW.minusSeconds(1)), properties).sign(exact(Set.of(), Duration.ofMinutes(10))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void givenStaticKeyAndPublicUrl_sign_hasNoTokenAndPostsToThePublicUrl() {
        OssProperties withPublicUrl = new OssProperties(
                null,
                "cn-hangzhou",
                "album-bucket",
                "https://upload.example.com/",
                "LTAI-static",
                "static-secret",
                null);
        TemporaryCredentials ramKey = new StaticKeyCredentialIssuer(withPublicUrl)
                .forSigning(KeyPrefix.family(FAMILY), Duration.ofMinutes(15));
        UploadForm form = adapter(ramKey, withPublicUrl).sign(exact(Set.of(), Duration.ofMinutes(15)));
        assertThat(form.url()).isEqualTo("https://upload.example.com");
        assertThat(form.fields()).doesNotContainKey("x-oss-security-token");
        assertThat(form.fields().keySet())
                .containsExactly(
                        "key",
                        "policy",
                        "x-oss-signature-version",
                        "x-oss-credential",
                        "x-oss-date",
                        "x-oss-signature",
                        "success_action_status");
        assertThat(form.fields().get("x-oss-credential"))
                .isEqualTo("LTAI-static/20260315/cn-hangzhou/oss/aliyun_v4_request");
        assertThat(form.expiresAt()).isEqualTo(Instant.parse("2026-03-16T00:14:58Z"));
        assertThat(decodedPolicy(form)).doesNotContain("x-oss-security-token");
    }

    @Test
    void givenLocalTimeZoneAheadOfUtc_sign_stillUsesTheUtcDate() {
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
        try {
            UploadForm form = adapter(sts(NOW.plus(Duration.ofHours(1))), properties)
                    .sign(exact(Set.of(), Duration.ofMinutes(10)));
            assertThat(form.fields().get("x-oss-date")).isEqualTo("20260315T235958Z");
            assertThat(form.fields().get("x-oss-signature"))
                    .isEqualTo(V4Reference.postSignature(
                            "sts/secret+1",
                            "20260315",
                            "cn-shanghai",
                            form.fields().get("policy")));
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void givenACallback_sign_addsTheCallbackAndUploadIdFields_bothPinnedByThePolicy_andSignsThem() {
        UploadId upload = new UploadId("up_42");
        UploadForm form = adapter(sts(NOW.plus(Duration.ofHours(1))), properties)
                .sign(new UploadFormRequest(
                        FAMILY,
                        new KeyCondition.Exact(KEY),
                        SizeRange.exactly(ByteSize.ofBytes(2048)),
                        Set.of("image/jpeg"),
                        Duration.ofMinutes(10),
                        true,
                        Optional.of(new UploadCallbackRequest(
                                URI.create("https://api.example.com/oss/callback"), upload))));

        assertThat(form.fields().keySet()).endsWith("x-oss-forbid-overwrite", "callback", "x:upload_id");
        assertThat(form.fields()).containsEntry("x:upload_id", "up_42");
        JsonObject callback = JsonParser.parseString(
                        new String(Base64.getDecoder().decode(form.fields().get("callback")), StandardCharsets.UTF_8))
                .getAsJsonObject();
        assertThat(callback.get("callbackUrl").getAsString()).isEqualTo("https://api.example.com/oss/callback");
        assertThat(callback.get("callbackBody").getAsString()).isEqualTo(UploadCallbackRequest.BODY_TEMPLATE);
        assertThat(callback.get("callbackBody").getAsString())
                .contains("\"upload_id\":${x:upload_id}", "\"object\":${object}");
        assertThat(callback.get("callbackBodyType").getAsString()).isEqualTo("application/json");
        assertThat(callback.get("callbackSNI").getAsBoolean()).isTrue();
        assertThat(decodedPolicy(form))
                .endsWith(",[\"eq\",\"$x-oss-forbid-overwrite\",\"true\"],{\"callback\":\""
                        + form.fields().get("callback") + "\"},{\"x:upload_id\":\"up_42\"}]}");
        assertThat(form.fields().get("x-oss-signature"))
                .isEqualTo(V4Reference.postSignature(
                        "sts/secret+1", "20260315", "cn-shanghai", form.fields().get("policy")));
    }

    @Test
    void withoutACallback_theFormHasNoCallbackField() {
        UploadForm form = adapter(sts(NOW.plus(Duration.ofHours(1))), properties)
                .sign(exact(Set.of("image/jpeg"), Duration.ofMinutes(10)));
        assertThat(form.fields()).doesNotContainKeys("callback", "x:upload_id");
        assertThat(decodedPolicy(form)).doesNotContain("callback", "x:upload_id");
    }
}
