package dev.directupload.adapter.localstorage.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.application.harness.MutableClock;
import dev.directupload.domain.storage.KeyPrefix;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The STS emulation's cache and memory: per prefix, renewed in time, forgotten after expiry, bounded. */
class LocalStsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
    private final LocalSts sts = new LocalSts(clock);

    @Test
    void credentials_areTemporary_narrowedToTheirPrefix_andUnguessable() {
        Set<String> ids = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            TemporaryCredentials issued = sts.forSigning(new KeyPrefix("families/f" + i + "/"), Duration.ofMinutes(10));
            assertThat(issued.accessKeyId()).startsWith("STS.").doesNotContain("/");
            assertThat(issued.securityToken()).hasSizeGreaterThan(100);
            assertThat(issued.key().secret()).hasSizeGreaterThanOrEqualTo(40);
            assertThat(issued.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
            assertThat(issued.scope().value()).isEqualTo("families/f" + i + "/");
            ids.add(issued.accessKeyId());
            tokens.add(issued.securityToken());
        }
        assertThat(ids).hasSize(200);
        assertThat(tokens).hasSize(200);
    }

    @Test
    void expiredCredentials_areRememberedForAnHour_thenForgotten() {
        TemporaryCredentials issued = sts.forSigning(new KeyPrefix("families/f1/"), Duration.ofMinutes(10));

        clock.set(issued.expiresAt().plus(Duration.ofMinutes(59)));
        assertThat(sts.find(issued.accessKeyId())).contains(issued);
        clock.set(issued.expiresAt().plus(Duration.ofHours(1)));
        assertThat(sts.find(issued.accessKeyId())).isEmpty();
        assertThat(sts.remembered()).isZero();
        TemporaryCredentials next = sts.forSigning(new KeyPrefix("families/f1/"), Duration.ofMinutes(10));
        assertThat(next.accessKeyId()).isNotEqualTo(issued.accessKeyId());
    }

    @Test
    void manyPrefixes_keepMemoryBounded() {
        for (int i = 0; i < LocalSts.MAX_ISSUED + 5_000; i++) {
            sts.forSigning(new KeyPrefix("families/f" + i + "/"), Duration.ofMinutes(10));
        }

        assertThat(sts.remembered()).isEqualTo(LocalSts.MAX_ISSUED);
    }

    @Test
    void aPrefixSignedForContinuously_isRenewedOnlyWhenAFormCouldNoLongerLiveItsTtl() {
        KeyPrefix prefix = new KeyPrefix("families/busy/");
        Set<String> ids = new HashSet<>();
        for (int minute = 0; minute < 180; minute++) {
            TemporaryCredentials issued = sts.forSigning(prefix, Duration.ofMinutes(15));
            assertThat(Duration.between(clock.instant(), issued.expiresAt()))
                    .isGreaterThanOrEqualTo(Duration.ofMinutes(16));
            ids.add(issued.accessKeyId());
            clock.advance(Duration.ofMinutes(1));
        }
        // renewed once fewer than 16 minutes remain: at minutes 0, 44, 88, 132 and 176
        assertThat(ids).hasSize(5);
        // forgotten an hour after expiry: those expiring at minutes 148, 192 and 236 remain
        assertThat(sts.remembered()).isEqualTo(3);
    }
}
