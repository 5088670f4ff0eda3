package dev.directupload.application.port.in.upload;

/**
 * Housekeeping of uploads: ends expired slots (completing those whose object arrived), records or removes objects
 * nothing records, purges old finished slots and retries queued deletions.
 */
public interface SweepUploadsUseCase {

    SweepReport sweep();

    /**
     * What one sweep did.
     *
     * @param completed expired slots whose bytes verified and were recorded
     * @param expired slots ended without a photo
     * @param deletedObjects queued deletions done
     * @param orphansRecorded objects nothing recorded that turned out to be a slot's late bytes, now recorded
     * @param orphansRemoved objects nothing records, older than {@code upload.incoming-ttl}, deleted
     * @param purgedSlots finished slots older than {@code upload.slot-retention}, deleted
     */
    record SweepReport(
            int completed, int expired, int deletedObjects, int orphansRecorded, int orphansRemoved, int purgedSlots) {

        public static SweepReport of(int completed, int expired, int deletedObjects) {
            return new SweepReport(completed, expired, deletedObjects, 0, 0, 0);
        }
    }
}
