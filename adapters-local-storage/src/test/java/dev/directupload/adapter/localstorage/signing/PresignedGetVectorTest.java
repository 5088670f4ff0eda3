package dev.directupload.adapter.localstorage.signing;

import static dev.directupload.adapter.localstorage.error.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.adapter.localstorage.error.OssError;
import dev.directupload.adapter.localstorage.http.RequestUri;
import dev.directupload.domain.storage.ObjectKey;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Known answers of the V4 presigned URL vector, and the checks a presigned GET goes through. */
class PresignedGetVectorTest {

    private final Map<String, Object> v = Vectors.presignedUrls().get(0);
    private final URI url = URI.create(text("url"));
    private final Map<String, String> query = RequestUri.query(url.getRawQuery());
    private final String key = text("key");
    private final Instant signedAt = PostFormVerifier.requestTime(query.get("x-oss-date"));

    @Test
    void canonicalRequest_stringToSign_andSignature_matchTheVector() {
        Map<String, String> signed = new LinkedHashMap<>(query);
        signed.remove("x-oss-signature");
        String canonical = OssV4Signature.canonicalRequest(
                "GET", text("bucket"), key, PresignedGet.canonicalQuery(signed), "", "");
        String day = query.get("x-oss-date").substring(0, 8);
        String toSign = OssV4Signature.stringToSign(
                query.get("x-oss-date"), OssV4Signature.scope(day, text("region")), canonical);

        assertThat(canonical).isEqualTo(text("canonicalRequest"));
        assertThat(toSign).isEqualTo(text("stringToSign"));
        assertThat(OssV4Signature.sign(OssV4Signature.signingKey(text("accessKeySecret"), day, text("region")), toSign))
                .isEqualTo(text("signature"));
        assertThat(RequestUri.percentDecode(url.getRawPath().substring(1))).isEqualTo(key);
    }

    @Test
    void givenVectorUrl_beforeExpiry_verifies() {
        presigned(signedAt.plusSeconds(899)).verify("GET", key, query, Map.of());
    }

    @Test
    void givenVectorUrl_afterExpiry_isAccessDenied() {
        assertRejected(
                () -> presigned(signedAt.plusSeconds(900)).verify("GET", key, query, Map.of()), OssError.ACCESS_DENIED);
    }

    @Test
    void givenVectorUrl_forAnotherKeyMethodOrHeader_isSignatureDoesNotMatch() {
        PresignedGet presigned = presigned(signedAt);
        assertRejected(() -> presigned.verify("GET", key + "x", query, Map.of()), OssError.SIGNATURE_DOES_NOT_MATCH);
        assertRejected(() -> presigned.verify("HEAD", key, query, Map.of()), OssError.SIGNATURE_DOES_NOT_MATCH);
        assertRejected(
                () -> presigned.verify("GET", key, query, Map.of("x-oss-meta-a", "1")),
                OssError.SIGNATURE_DOES_NOT_MATCH);
        Map<String, String> longer = new LinkedHashMap<>(query);
        longer.put("x-oss-expires", "900");
        assertRejected(() -> presigned.verify("GET", key, longer, Map.of()), OssError.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void givenVectorUrl_withoutSignatureOrWithWrongToken_isRefused() {
        Map<String, String> unsigned = new LinkedHashMap<>(query);
        unsigned.remove("x-oss-signature");
        assertRejected(() -> presigned(signedAt).verify("GET", key, unsigned, Map.of()), OssError.ACCESS_DENIED);

        Map<String, String> otherToken = new LinkedHashMap<>(query);
        otherToken.put("x-oss-security-token", "CAISOther");
        assertRejected(
                () -> presigned(signedAt).verify("GET", key, otherToken, Map.of()), OssError.INVALID_SECURITY_TOKEN);
    }

    @Test
    void signedUrl_roundTrips_throughVerification() {
        AccessKey local = AccessKey.of("LOCALKEY", "local-secret");
        PresignedGet presigned = new PresignedGet(
                "album-local", new SigningIdentity(local, "cn-hangzhou"), Clock.fixed(signedAt, ZoneOffset.UTC));
        ObjectKey objectKey = new ObjectKey("families/f1/objects/ab/测试 file+1.jpg");

        PresignedGet.SignedUrl signed =
                presigned.sign("GET", "http://localhost:1/local-oss/album-local", objectKey, Duration.ofMinutes(10));
        URI signedUrl = URI.create(signed.url());
        String decodedKey = RequestUri.keyOf(signedUrl.getRawPath(), "album-local");

        assertThat(decodedKey).isEqualTo(objectKey.value());
        assertThat(signed.expiresAt()).isEqualTo(signedAt.plusSeconds(600));
        presigned.verify("GET", decodedKey, RequestUri.query(signedUrl.getRawQuery()), Map.of());
    }

    private PresignedGet presigned(Instant now) {
        AccessKey accessKey =
                new AccessKey(text("accessKeyId"), text("accessKeySecret"), Optional.of(text("securityToken")));
        return new PresignedGet(
                text("bucket"), new SigningIdentity(accessKey, text("region")), Clock.fixed(now, ZoneOffset.UTC));
    }

    private String text(String name) {
        return (String) v.get(name);
    }
}
