package dev.directupload.application.harness;

import dev.directupload.application.port.out.family.FamilyUsagePort;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.storage.StoredObject;

/** A family's usage in memory: verified stored objects plus pending slots. */
public final class InMemoryFamilyUsage implements FamilyUsagePort {

    private final InMemoryMedia media;
    private final InMemoryUploadSlots uploads;

    InMemoryFamilyUsage(InMemoryMedia media, InMemoryUploadSlots uploads) {
        this.media = media;
        this.uploads = uploads;
    }

    @Override
    public Usage usage(FamilyId family) {
        long bytes = 0;
        long files = 0;
        for (StoredObject object : media.storedObjects()) {
            if (object.familyId().equals(family) && object.isVerified()) {
                bytes += object.content().size().bytes();
                files++;
            }
        }
        long[] pending = uploads.pendingUsage(family);
        return new Usage(bytes + pending[0], files + pending[1]);
    }

    @Override
    public Usage lockAndMeasure(FamilyId family) {
        return usage(family);
    }
}
