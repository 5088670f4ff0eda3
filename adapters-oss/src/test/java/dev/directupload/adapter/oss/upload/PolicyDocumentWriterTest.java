package dev.directupload.adapter.oss.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.storage.ObjectKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyDocumentWriterTest {

    private static PolicyDocumentWriter policy(Instant signedAt, Instant expiration, String key) {
        return new PolicyDocumentWriter(
                "b-1",
                "cn-hangzhou",
                "AK",
                null,
                signedAt,
                expiration,
                new KeyCondition.Exact(new ObjectKey(key)),
                SizeRange.exactly(ByteSize.ofBytes(1)),
                List.of());
    }

    @Test
    void datesAreZeroPaddedUtc() {
        PolicyDocumentWriter p =
                policy(Instant.parse("2026-01-02T03:04:05.999Z"), Instant.parse("2026-01-02T03:09:05.007Z"), "a/b.jpg");
        assertThat(p.date()).isEqualTo("20260102T030405Z");
        assertThat(p.expirationText()).isEqualTo("2026-01-02T03:09:05.007Z");
        assertThat(p.credential()).isEqualTo("AK/20260102/cn-hangzhou/oss/aliyun_v4_request");
    }

    @Test
    void keysAreJsonEscapedAndNonAsciiKeptAsIs() {
        PolicyDocumentWriter p = policy(
                Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-02T03:09:05Z"), "a/\"quoted\" 照片.jpg");
        assertThat(p.toJson()).contains("[\"eq\",\"$key\",\"a/\\\"quoted\\\" 照片.jpg\"]");
        assertThat(com.google.gson.JsonParser.parseString(p.toJson())
                        .getAsJsonObject()
                        .getAsJsonArray("conditions")
                        .get(5)
                        .getAsJsonArray()
                        .get(2)
                        .getAsString())
                .isEqualTo("a/\"quoted\" 照片.jpg");
    }
}
