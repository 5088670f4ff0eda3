package dev.directupload.adapter.oss.upload;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.storage.ObjectKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicySafetyCheckTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private static final KeyCondition KEY = new KeyCondition.Exact(new ObjectKey("families/f1/objects/ab/x.jpg"));
    private static final SizeRange SIZE = SizeRange.exactly(ByteSize.ofBytes(10));
    private static final Instant CREDS_EXPIRE = NOW.plus(Duration.ofHours(1));

    private static PolicyDocumentWriter policy(KeyCondition key, SizeRange size, Instant expiration) {
        return new PolicyDocumentWriter(
                "bucket-a", "cn-hangzhou", "AK", "token", NOW, expiration, key, size, List.of());
    }

    @Test
    void givenTightPolicy_check_passes() {
        assertThatCode(() -> PolicySafetyCheck.requireSafe(
                        policy(KEY, SIZE, NOW.plus(Duration.ofMinutes(15))), CREDS_EXPIRE))
                .doesNotThrowAnyException();
    }

    @Test
    void givenNoKeyCondition_check_refuses() {
        assertThatThrownBy(() -> PolicySafetyCheck.requireSafe(policy(null, SIZE, NOW.plusSeconds(600)), CREDS_EXPIRE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no key condition");
    }

    @Test
    void givenNoSizeRange_check_refuses() {
        assertThatThrownBy(() -> PolicySafetyCheck.requireSafe(policy(KEY, null, NOW.plusSeconds(600)), CREDS_EXPIRE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("content-length-range");
    }

    @Test
    void givenTtlOverFifteenMinutes_check_refuses() {
        assertThatThrownBy(() -> PolicySafetyCheck.requireSafe(
                        policy(KEY, SIZE, NOW.plus(Duration.ofMinutes(15)).plusMillis(1)), CREDS_EXPIRE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("more than PT15M");
    }

    @Test
    void givenExpiryAfterCredentials_check_refuses() {
        assertThatThrownBy(() ->
                        PolicySafetyCheck.requireSafe(policy(KEY, SIZE, NOW.plusSeconds(600)), NOW.plusSeconds(599)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("after its credentials");
    }

    @Test
    void givenExpiryNotAfterSigning_check_refuses() {
        assertThatThrownBy(() -> PolicySafetyCheck.requireSafe(policy(KEY, SIZE, NOW), CREDS_EXPIRE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not after its signing instant");
    }
}
