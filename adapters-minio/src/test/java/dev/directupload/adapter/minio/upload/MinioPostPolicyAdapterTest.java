package dev.directupload.adapter.minio.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.directupload.adapter.minio.MinioClients;
import dev.directupload.adapter.minio.MinioProperties;
import dev.directupload.adapter.minio.testing.ClosedPort;
import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import io.minio.MinioClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The signed form's shape without a server (signing makes no call): conditions, field order, expiry from the
 * injected clock. That the server accepts the form is proved against s3proxy.
 */
class MinioPostPolicyAdapterTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.890Z");
    private static final FamilyId FAMILY = new FamilyId("f_9");
    private static final ObjectKey KEY = new ObjectKey("families/f_9/objects/ab/abcdef.jpg");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MinioProperties properties = new MinioProperties(
            ClosedPort.url(), "https://upload.example.com", null, "album-bucket", "AKIATEST", "secret-for-tests");
    private final MinioClient client = MinioClient.builder()
            .endpoint(properties.endpoint())
            .region(properties.region())
            .credentials(properties.accessKey(), properties.secretKey())
            .build();
    private final MinioPostPolicyAdapter adapter =
            new MinioPostPolicyAdapter(new MinioClients(client, client), properties, Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void closeClient() throws Exception {
        client.close();
    }

    private static JsonNode policy(UploadForm form) throws Exception {
        return JSON.readTree(Base64.getDecoder().decode(form.fields().get("policy")));
    }

    private static List<String> conditions(JsonNode policy) {
        List<String> conditions = new ArrayList<>();
        policy.get("conditions").forEach(condition -> conditions.add(condition.toString()));
        return conditions;
    }

    @Test
    void exactKeyForm_pinsKeySizeTypeAndStatus_inAStableFieldOrder() throws Exception {
        UploadForm form = adapter.sign(new UploadFormRequest(
                FAMILY,
                new KeyCondition.Exact(KEY),
                SizeRange.exactly(ByteSize.ofBytes(12345)),
                Set.of("image/jpeg"),
                Duration.ofMinutes(10)));

        assertThat(form.url()).isEqualTo("https://upload.example.com/album-bucket");
        assertThat(form.fields().keySet())
                .containsExactly(
                        "key",
                        "policy",
                        "x-amz-algorithm",
                        "x-amz-credential",
                        "x-amz-date",
                        "x-amz-signature",
                        "success_action_status",
                        "Content-Type");
        assertThat(form.fields())
                .containsEntry("key", KEY.value())
                .containsEntry("x-amz-algorithm", "AWS4-HMAC-SHA256")
                .containsEntry("success_action_status", "200")
                .containsEntry("Content-Type", "image/jpeg");
        assertThat(form.fields().get("x-amz-credential"))
                .startsWith("AKIATEST/")
                .endsWith("/us-east-1/s3/aws4_request");
        assertThat(form.fields().get("x-amz-signature")).matches("[0-9a-f]{64}");

        JsonNode policy = policy(form);
        assertThat(policy.get("expiration").asText()).isEqualTo("2026-03-04T05:16:07.000Z");
        assertThat(conditions(policy))
                .contains(
                        "[\"eq\",\"$bucket\",\"album-bucket\"]",
                        "[\"eq\",\"$key\",\"" + KEY.value() + "\"]",
                        "[\"content-length-range\",12345,12345]",
                        "[\"eq\",\"$Content-Type\",\"image/jpeg\"]",
                        "[\"eq\",\"$success_action_status\",\"200\"]",
                        "[\"eq\",\"$x-amz-algorithm\",\"AWS4-HMAC-SHA256\"]",
                        "[\"eq\",\"$x-amz-credential\",\"" + form.fields().get("x-amz-credential") + "\"]",
                        "[\"eq\",\"$x-amz-date\",\"" + form.fields().get("x-amz-date") + "\"]");
        assertThat(conditions(policy)).noneMatch(condition -> condition.contains("starts-with"));
    }

    @Test
    void prefixForm_startsWithThePrefix_pinsNoType_andCarriesThePrefixAsKey() throws Exception {
        KeyPrefix prefix = new KeyPrefix("families/f_9/incoming/u_3/");
        UploadForm form = adapter.sign(new UploadFormRequest(
                FAMILY,
                new KeyCondition.Prefix(prefix),
                SizeRange.upTo(ByteSize.ofMegabytes(50)),
                Set.of(),
                Duration.ofMinutes(15)));

        assertThat(form.fields()).containsEntry("key", prefix.value()).doesNotContainKey("Content-Type");
        assertThat(form.fields().keySet()).endsWith("success_action_status");
        List<String> conditions = conditions(policy(form));
        assertThat(conditions)
                .contains(
                        "[\"starts-with\",\"$key\",\"" + prefix.value() + "\"]",
                        "[\"content-length-range\",1,"
                                + ByteSize.ofMegabytes(50).bytes() + "]");
        assertThat(conditions)
                .noneMatch(condition ->
                        condition.contains("$key\",\"" + prefix.value() + "\"]") && condition.startsWith("[\"eq\""));
        assertThat(conditions).noneMatch(condition -> condition.contains("Content-Type"));
    }

    @Test
    void expiry_isNeverAfterNowPlusTtl() throws Exception {
        for (Duration ttl : List.of(
                Duration.ofSeconds(1), Duration.ofSeconds(61), Duration.ofMinutes(10), Duration.ofMinutes(15))) {
            UploadForm form = adapter.sign(new UploadFormRequest(
                    FAMILY,
                    new KeyCondition.Exact(KEY),
                    SizeRange.exactly(ByteSize.ofBytes(1)),
                    Set.of("image/jpeg"),
                    ttl));
            Instant signedExpiry = Instant.parse(policy(form).get("expiration").asText());
            assertThat(form.expiresAt())
                    .as("ttl " + ttl)
                    .isEqualTo(signedExpiry)
                    .isBeforeOrEqualTo(NOW.plus(ttl))
                    .isAfter(NOW.plus(ttl).minusSeconds(1));
        }
        assertThatThrownBy(() -> adapter.sign(new UploadFormRequest(
                        FAMILY,
                        new KeyCondition.Exact(KEY),
                        SizeRange.exactly(ByteSize.ofBytes(1)),
                        Set.of(),
                        Duration.ofMinutes(16))))
                .hasMessageContaining("<= 15 minutes");
    }

    @Test
    void severalContentTypes_areRefusedRatherThanLoosened() {
        assertThatThrownBy(() -> adapter.sign(new UploadFormRequest(
                        FAMILY,
                        new KeyCondition.Exact(KEY),
                        SizeRange.exactly(ByteSize.ofBytes(1)),
                        Set.of("image/png", "image/jpeg"),
                        Duration.ofMinutes(5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most one content type")
                .hasMessageContaining("[image/jpeg, image/png]");
    }
}
