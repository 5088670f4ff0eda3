package dev.directupload.application.service.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.application.harness.UploadCoreHarness;
import dev.directupload.domain.storage.ObjectKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sweeper's deletion drain: the whole queue in bounded batches, within a time budget. */
class ObjectJanitorDrainTest {

    private final UploadCoreHarness core = new UploadCoreHarness();

    private List<ObjectKey> queueUnreferencedObjects(int count) {
        List<ObjectKey> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectKey key = new ObjectKey("families/f_drain/incoming/u_x/" + i + ".jpg");
            core.storage.put(key, new byte[] {(byte) i}, "image/jpeg");
            core.janitor.enqueue(key);
            keys.add(key);
        }
        return keys;
    }

    @Test
    void oneSweep_drainsAQueueLongerThanOneBatch() {
        List<ObjectKey> keys = queueUnreferencedObjects(1_234);

        assertThat(core.sweeper.sweep().deletedObjects()).isEqualTo(1_234);

        assertThat(core.metadata.pendingDeletions(10_000)).isEmpty();
        assertThat(keys).allSatisfy(key -> assertThat(core.storage.bytesAt(key)).isEmpty());
    }

    @Test
    void aSpentBudget_leavesTheQueueForTheNextSweep() {
        List<ObjectKey> keys = queueUnreferencedObjects(3);

        assertThat(core.janitor.drain(Duration.ZERO)).isZero();

        assertThat(core.metadata.pendingDeletions(10)).containsExactlyElementsOf(keys);
        assertThat(core.storage.bytesAt(keys.get(0))).isPresent();
        assertThat(core.janitor.drain(Duration.ofSeconds(10))).isEqualTo(3);
    }

    @Test
    void failingDeletes_stayQueued_andTheDrainEnds() {
        List<ObjectKey> keys = queueUnreferencedObjects(1_100);
        core.storage.failDeletes(true);

        assertThat(core.janitor.drain(Duration.ofSeconds(30))).isZero();

        assertThat(core.metadata.pendingDeletions(10_000)).hasSameSizeAs(keys);
        core.storage.failDeletes(false);
        assertThat(core.janitor.drain(Duration.ofSeconds(30))).isEqualTo(1_100);
    }
}
