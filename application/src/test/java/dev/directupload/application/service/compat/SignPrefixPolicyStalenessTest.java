package dev.directupload.application.service.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.directupload.application.harness.UploadCoreHarness;
import dev.directupload.application.harness.UploadCoreHarness.FamilyFixture;
import dev.directupload.application.port.in.upload.PreparedItem;
import dev.directupload.application.service.media.UploadSettings;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.family.FamilyQuota;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.shared.DomainException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The signature's membership, album and usage answers are at most {@link SignPrefixPolicyService#MAX_STALENESS} old
 * by the injected clock: what changes in the database shows in the next signature after that at the latest.
 */
class SignPrefixPolicyStalenessTest {

    private static final Duration JUST_UNDER = SignPrefixPolicyService.MAX_STALENESS.minusMillis(1);

    private final UploadCoreHarness core =
            new UploadCoreHarness(UploadSettings.defaults().withQuota(new FamilyQuota(ByteSize.ofBytes(1000), 1)));
    private final FamilyFixture wang = core.family("wang");

    private void sign(UserId user, Album album) {
        core.signPrefix.sign(user, wang.family().id(), album.id());
    }

    private static String code(Throwable e) {
        return ((DomainException) e).code().wireName();
    }

    @Test
    void removedMember_getsNoSignatureOnceMaxStalenessHasPassed() {
        UserId li = core.addMember(wang, "li");
        sign(li, wang.album());

        assertThat(core.metadata.families.deleteUnlessLastOwner(wang.family().id(), li))
                .isTrue();
        core.clock.advance(JUST_UNDER);
        sign(li, wang.album()); // the answer of the first signature, not yet MAX_STALENESS old

        core.clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> sign(li, wang.album()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("family_not_found"));
        core.clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> sign(li, wang.album()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("family_not_found"));
    }

    @Test
    void stalenessCountsFromWhenTheLookupBegan_notFromTheLastUse() {
        UserId li = core.addMember(wang, "li");
        sign(li, wang.album());
        core.metadata.families.deleteUnlessLastOwner(wang.family().id(), li);
        for (int i = 0; i < 3; i++) {
            core.clock.advance(JUST_UNDER.dividedBy(3));
            sign(li, wang.album());
        }
        core.clock.advance(Duration.ofMillis(2));
        assertThatThrownBy(() -> sign(li, wang.album()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("family_not_found"));
    }

    @Test
    void newMember_isSeenAtOnce_noAbsentAnswerIsKept() {
        UserId li = new UserId("u_li");
        assertThatThrownBy(() -> sign(li, wang.album()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("family_not_found"));
        core.addMember(wang, "li");
        sign(li, wang.album());
    }

    @Test
    void clockSetBack_looksUpAgain() {
        UserId li = core.addMember(wang, "li");
        sign(li, wang.album());
        core.metadata.families.deleteUnlessLastOwner(wang.family().id(), li);
        core.clock.advance(Duration.ofSeconds(-10));
        assertThatThrownBy(() -> sign(li, wang.album()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("family_not_found"));
    }

    @Test
    void familyThatFillsUp_getsNoSignatureOnceMaxStalenessHasPassed() {
        sign(wang.owner(), wang.album());
        // One pending upload reaches the quota of one file.
        assertThat(core.prepareJpeg(wang.owner(), wang, wang.album(), new byte[10]))
                .isInstanceOf(PreparedItem.Upload.class);

        core.clock.advance(JUST_UNDER);
        sign(wang.owner(), wang.album());
        core.clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> sign(wang.owner(), wang.album()))
                .satisfies(e -> assertThat(code(e)).isEqualTo("quota_exceeded"));
    }
}
