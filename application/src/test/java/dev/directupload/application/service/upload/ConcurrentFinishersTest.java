package dev.directupload.application.service.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.application.harness.UploadCoreHarness;
import dev.directupload.application.harness.UploadCoreHarness.FamilyFixture;
import dev.directupload.application.port.in.photo.Photo;
import dev.directupload.application.port.in.upload.PreparedItem;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.application.service.media.UploadSettings;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.upload.UploadSlotStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * On a store whose forms write a staging key (S3/MinIO), {@code complete} and the sweeper may finish the same late
 * upload at once: whichever promotes the bytes first removes the staging object, and the other must answer with that
 * photo, not {@code object_not_found}.
 */
class ConcurrentFinishersTest {

    private static final byte[] BYTES = "a late photo's bytes".getBytes(StandardCharsets.UTF_8);

    private final UploadCoreHarness core = new UploadCoreHarness(UploadSettings.defaults(), false);
    private final FamilyFixture wang = core.family("wang");

    @Test
    void theSweeperPromotesALateUploadWhileCompleteIsAtIt_completeAnswersTheSweptPhoto() {
        PreparedItem.Upload slot = (PreparedItem.Upload) core.prepareJpeg(wang.owner(), wang, wang.album(), BYTES);
        ObjectKey staging = new ObjectKey(slot.form().fields().get("key"));
        UploadFormRequest form = core.storage.signedRequests().stream()
                .filter(r -> r.key().value().equals(staging.value()))
                .reduce((a, b) -> b)
                .orElseThrow();
        core.storage.upload(form, staging, BYTES, "image/jpeg");
        core.clock.advance(
                core.settings.rules().policyTtl().plus(ExpiredSlotSweep.GRACE).plusSeconds(1));
        // complete has checked the staging object; the sweeper records it and removes it before complete copies
        core.storage.beforeNextCopy(
                () -> assertThat(core.sweeper.sweep().completed()).isEqualTo(1));

        Photo answered = core.complete.complete(wang.owner(), slot.uploadId());

        assertThat(core.metadata.mediaFiles())
                .singleElement()
                .satisfies(m -> assertThat(m.id()).isEqualTo(answered.file().id()));
        assertThat(core.metadata.slots())
                .singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(UploadSlotStatus.COMPLETED));
        assertThat(core.storage.bytesAt(staging)).isEmpty();
        assertThat(core.storage.bytesAt(answered.file().key())).hasValue(BYTES);
    }
}
