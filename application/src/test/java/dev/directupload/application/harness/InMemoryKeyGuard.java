package dev.directupload.application.harness;

import dev.directupload.application.port.out.media.ObjectKeyGuardPort;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.upload.UploadId;
import java.util.Optional;

/** The key guard in memory: the harness's one lock already serialises every transaction. */
public final class InMemoryKeyGuard implements ObjectKeyGuardPort {

    private final InMemoryMedia media;
    private final InMemoryUploadSlots uploads;

    InMemoryKeyGuard(InMemoryMedia media, InMemoryUploadSlots uploads) {
        this.media = media;
        this.uploads = uploads;
    }

    @Override
    public void lock(ObjectKey key) {
        // every transaction already runs alone under the harness's lock
    }

    @Override
    public boolean isReferenced(ObjectKey key, Optional<UploadId> exceptSlot) {
        return media.findByKey(key).isPresent() || media.isKeyReferenced(key) || uploads.hasPendingOn(key, exceptSlot);
    }
}
