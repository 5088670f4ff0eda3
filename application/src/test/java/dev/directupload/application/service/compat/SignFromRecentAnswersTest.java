package dev.directupload.application.service.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.directupload.application.harness.UploadCoreHarness;
import dev.directupload.application.harness.UploadCoreHarness.FamilyFixture;
import dev.directupload.application.port.in.compat.PrefixPolicy;
import dev.directupload.application.port.in.upload.PreparedItem;
import dev.directupload.application.service.media.UploadSettings;
import dev.directupload.domain.family.FamilyQuota;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.shared.DomainException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code signFromRecentAnswers} (the signature answered on the event loop) signs only from answers the last
 * {@code sign} left, never staler than {@link SignPrefixPolicyService#MAX_STALENESS}, and otherwise answers empty so
 * that the caller signs where it may look things up: the security of {@code sign} is kept.
 */
class SignFromRecentAnswersTest {

    private static final Duration JUST_UNDER = SignPrefixPolicyService.MAX_STALENESS.minusMillis(1);

    private final UploadCoreHarness core =
            new UploadCoreHarness(UploadSettings.defaults().withQuota(new FamilyQuota(ByteSize.ofBytes(1000), 1)));
    private final FamilyFixture wang = core.family("wang");

    private Optional<PrefixPolicy> fromRecent(UserId user) {
        return core.signPrefix.signFromRecentAnswers(
                user, wang.family().id(), wang.album().id());
    }

    private PrefixPolicy sign(UserId user) {
        return core.signPrefix.sign(user, wang.family().id(), wang.album().id());
    }

    @Test
    void nothingLookedUpYet_answersEmpty_thenSignsWhatSignWould() {
        assertThat(fromRecent(wang.owner())).isEmpty();

        PrefixPolicy signed = sign(wang.owner());
        PrefixPolicy recent = fromRecent(wang.owner()).orElseThrow();

        assertThat(recent.prefix()).isEqualTo(signed.prefix());
        assertThat(recent.form().url()).isEqualTo(signed.form().url());
        assertThat(recent.form().fields().keySet())
                .isEqualTo(signed.form().fields().keySet());
    }

    @Test
    void removedMember_getsNothingFromRecentAnswersOnceMaxStalenessHasPassed() {
        UserId li = core.addMember(wang, "li");
        sign(li);
        assertThat(core.metadata.families.deleteUnlessLastOwner(wang.family().id(), li))
                .isTrue();

        core.clock.advance(JUST_UNDER);
        assertThat(fromRecent(li)).isPresent(); // as sign would: its answer is not yet MAX_STALENESS old
        core.clock.advance(Duration.ofMillis(1));
        assertThat(fromRecent(li)).isEmpty();
        assertThatThrownBy(() -> sign(li))
                .satisfies(
                        e -> assertThat(((DomainException) e).code().wireName()).isEqualTo("family_not_found"));
        assertThat(fromRecent(li)).isEmpty(); // an absent answer is never kept
    }

    @Test
    void aNonMember_isNeverAnsweredFromMemory() {
        UserId stranger = new UserId("u_stranger");
        assertThat(fromRecent(stranger)).isEmpty();
        assertThatThrownBy(() -> sign(stranger)).isInstanceOf(DomainException.class);
        assertThat(fromRecent(stranger)).isEmpty();
    }

    @Test
    void aFullFamily_isRefusedFromTheRecentUsage() {
        sign(wang.owner());
        // One pending upload reaches the quota of one file.
        assertThat(core.prepareJpeg(wang.owner(), wang, wang.album(), new byte[10]))
                .isInstanceOf(PreparedItem.Upload.class);
        core.clock.advance(SignPrefixPolicyService.MAX_STALENESS);
        assertThatThrownBy(() -> sign(wang.owner()))
                .satisfies(
                        e -> assertThat(((DomainException) e).code().wireName()).isEqualTo("quota_exceeded"));

        assertThatThrownBy(() -> fromRecent(wang.owner()))
                .satisfies(
                        e -> assertThat(((DomainException) e).code().wireName()).isEqualTo("quota_exceeded"));
    }

    @Test
    void credentialsNotAtHand_answersEmpty() {
        sign(wang.owner());
        core.storage.credentialsAtHand = false;
        assertThat(fromRecent(wang.owner())).isEmpty();
        core.storage.credentialsAtHand = true;
        assertThat(fromRecent(wang.owner())).isPresent();
    }
}
