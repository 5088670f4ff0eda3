package dev.directupload.adapter.localstorage.signing;

import static dev.directupload.adapter.localstorage.error.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.directupload.adapter.localstorage.error.OssError;
import dev.directupload.adapter.localstorage.error.OssRejection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Known answers: the shared POST vectors sign and verify exactly; a form with any one field changed does not. */
class PostFormVerifierVectorTest {

    private static String text(Map<String, Object> v, String name) {
        return Vectors.text(v, name);
    }

    static Stream<Map<String, Object>> vectors() {
        return Vectors.postPolicies().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void givenVector_signingChain_matchesKnownAnswers(Map<String, Object> v) {
        String day = text(v, "date").substring(0, 8);
        byte[] key = OssV4Signature.signingKey(text(v, "accessKeySecret"), day, text(v, "region"));

        assertThat(HexFormat.of().formatHex(key)).isEqualTo(text(v, "signingKeyHex"));
        assertThat(Base64.getEncoder().encodeToString(text(v, "policyJson").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(text(v, "policyBase64"));
        assertThat(OssV4Signature.sign(key, text(v, "policyBase64"))).isEqualTo(text(v, "signature"));
        assertThat(new SigningIdentity(Vectors.accessKey(v), text(v, "region")).credential(day))
                .isEqualTo(text(v, "credential"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void givenVectorForm_atVectorDate_verifies(Map<String, Object> v) {
        PostFormVerifier.AcceptedForm accepted =
                verifier(v, Vectors.vectorTime(v)).verify(Vectors.form(v), "photo.jpg", null);

        assertThat(accepted.key().value()).isEqualTo(Vectors.form(v).get("key"));
        assertThat(accepted.successStatus())
                .isEqualTo(Vectors.form(v).containsKey("success_action_status") ? 200 : 204);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void givenVectorForm_withinFifteenMinutesEitherSide_verifies(Map<String, Object> v) {
        Instant t = Vectors.vectorTime(v);
        verifier(v, t.minus(Duration.ofMinutes(15))).verify(Vectors.form(v), "photo.jpg", null);
        verifier(v, t.plus(Duration.ofMinutes(14))).verify(Vectors.form(v), "photo.jpg", null);
    }

    static Stream<Arguments> singleFieldChanges() {
        List<Arguments> cases = new ArrayList<>();
        for (Map<String, Object> v : Vectors.postPolicies()) {
            for (String field : Vectors.form(v).keySet()) {
                cases.add(Arguments.of(text(v, "id"), field, v));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("singleFieldChanges")
    void givenVectorForm_withOneFieldChanged_isRejected(String id, String field, Map<String, Object> v) {
        Map<String, String> form = Vectors.form(v);
        form.put(field, changed(field, form.get(field)));

        assertThatThrownBy(() -> verifier(v, Vectors.vectorTime(v)).verify(form, "photo.jpg", null))
                .isInstanceOf(OssRejection.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void givenVectorForm_withAFieldRemoved_isRejected(Map<String, Object> v) {
        for (String field : Vectors.form(v).keySet()) {
            Map<String, String> form = Vectors.form(v);
            form.remove(field);
            assertThatThrownBy(() -> verifier(v, Vectors.vectorTime(v)).verify(form, "photo.jpg", null))
                    .as("without %s", field)
                    .isInstanceOf(OssRejection.class);
        }
    }

    @Test
    void givenSignatureWithOssPrefixedRegion_isSignatureDoesNotMatch() {
        Map<String, Object> v = Vectors.vector("v1-hangzhou-no-token");
        Map<String, String> form = Vectors.form(v);
        form.put("x-oss-signature", text(v, "negativeSignatureRegionWithOssPrefix"));

        assertRejected(
                () -> verifier(v, Vectors.vectorTime(v)).verify(form, null, null), OssError.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void givenSignatureMadeWithLocalDate_isSignatureDoesNotMatch() {
        Map<String, Object> v = Vectors.vector("v2-shanghai-sts-token");
        Map<String, String> form = Vectors.form(v);
        form.put("x-oss-signature", text(v, "negativeSignatureLocalDate"));

        assertRejected(
                () -> verifier(v, Vectors.vectorTime(v)).verify(form, null, null), OssError.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void givenClockSixteenMinutesAway_isRequestTimeTooSkewed() {
        Map<String, Object> v = Vectors.vector("v1-hangzhou-no-token");

        assertRejected(
                () -> verifier(v, Vectors.vectorTime(v).plus(Duration.ofMinutes(16)))
                        .verify(Vectors.form(v), null, null),
                OssError.REQUEST_TIME_TOO_SKEWED);
        assertRejected(
                () -> verifier(v, Vectors.vectorTime(v).minus(Duration.ofMinutes(16)))
                        .verify(Vectors.form(v), null, null),
                OssError.REQUEST_TIME_TOO_SKEWED);
    }

    @Test
    void givenFormWithoutTheKeysToken_isInvalidAccessKeyId() {
        Map<String, Object> v = Vectors.vector("v2-shanghai-sts-token");
        Map<String, String> form = Vectors.form(v);
        form.remove("x-oss-security-token");

        assertRejected(
                () -> verifier(v, Vectors.vectorTime(v)).verify(form, null, null), OssError.INVALID_ACCESS_KEY_ID);
    }

    @Test
    void givenPrefixPolicy_keyOutsidePrefix_isAccessDenied_andFilenameIsSubstituted() {
        Map<String, Object> v = Vectors.vector("v4-beijing-sts-pretty-json");
        Map<String, String> form = Vectors.form(v);
        form.put("key", "mp/${filename}");
        assertThat(verifier(v, Vectors.vectorTime(v))
                        .verify(form, "a.jpg", null)
                        .key()
                        .value())
                .isEqualTo("mp/a.jpg");

        form.put("key", "other/a.jpg");
        assertRejected(() -> verifier(v, Vectors.vectorTime(v)).verify(form, null, null), OssError.ACCESS_DENIED);
    }

    /** A value that differs from the original and breaks no rule on its own. */
    private static String changed(String field, String value) {
        return switch (field) {
            case "key" -> "X" + value; // also outside any starts-with prefix
            case "Content-Type" -> "image/gif";
            case "success_action_status" -> "201";
            case "x-oss-date" -> value.substring(0, 13) + (value.charAt(13) == '0' ? '1' : '0') + value.substring(14);
            default ->
                value.substring(0, value.length() - 2)
                        + (value.charAt(value.length() - 2) == 'a' ? 'b' : 'a')
                        + value.charAt(value.length() - 1);
        };
    }

    private static PostFormVerifier verifier(Map<String, Object> v, Instant now) {
        return new PostFormVerifier(
                text(v, "bucket"),
                new SigningIdentity(Vectors.accessKey(v), text(v, "region")),
                Clock.fixed(now, ZoneOffset.UTC),
                Vectors.JSON);
    }
}
