package dev.directupload.application.service.media;

import dev.directupload.application.port.out.media.LoadMediaFilePort;
import dev.directupload.application.port.out.media.LoadStoredObjectsPort;
import dev.directupload.application.port.out.media.PendingDeletionPort;
import dev.directupload.application.port.out.storage.DeleteObjectPort;
import dev.directupload.domain.storage.ObjectKey;
import java.lang.System.Logger.Level;

/**
 * Deletes bytes that lost their last reference. A key is deleted only while no record vouches for it (the
 * same file may have been uploaded again since); a failed delete stays queued for the next sweep.
 */
public final class ObjectJanitor {

    private static final System.Logger LOG = System.getLogger(ObjectJanitor.class.getName());
    private static final int BATCH = 500;

    private final PendingDeletionPort pending;
    private final LoadStoredObjectsPort storedObjects;
    private final LoadMediaFilePort mediaFiles;
    private final DeleteObjectPort deleter;

    public ObjectJanitor(
            PendingDeletionPort pending,
            LoadStoredObjectsPort storedObjects,
            LoadMediaFilePort mediaFiles,
            DeleteObjectPort deleter) {
        this.pending = pending;
        this.storedObjects = storedObjects;
        this.mediaFiles = mediaFiles;
        this.deleter = deleter;
    }

    /**
     * Deletes bytes at once unless a stored-object record or a photo vouches for their key: what a failed check
     * leaves behind. A storage failure propagates.
     */
    public void deleteUnlessReferenced(ObjectKey key) {
        if (storedObjects.findByKey(key).isEmpty() && !mediaFiles.isKeyReferenced(key)) {
            deleter.delete(key);
        }
    }

    /** Tries one queued key now; true when it is gone from the queue. */
    public boolean tryDelete(ObjectKey key) {
        try {
            deleteUnlessReferenced(key);
            pending.deletionDone(key);
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "deleting " + key + " failed; it stays queued: " + e.getMessage());
            return false;
        }
    }

    /** Tries every queued key once; returns how many left the queue. */
    public int drain() {
        int done = 0;
        for (ObjectKey key : pending.pendingDeletions(BATCH)) {
            if (tryDelete(key)) {
                done++;
            }
        }
        return done;
    }
}
