package dev.directupload.application.service.upload;

import dev.directupload.application.port.in.photo.Photo;
import dev.directupload.application.port.out.media.SaveMediaFilePort;
import dev.directupload.application.service.media.FulfilledUploads;
import dev.directupload.application.service.media.PhotoUrls;
import dev.directupload.domain.media.FileName;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.media.Placement;
import dev.directupload.domain.storage.StoredObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * 秒传: records a photo of bytes the family already stores, verified, without any upload; it fulfils the album's
 * pending uploads of those bytes ({@link FulfilledUploads}). The photo is saved only while the family still stores
 * those bytes: a concurrent deletion of their last photo either waits for it or has removed them first.
 */
public final class InstantPhotos {

    private final SaveMediaFilePort mediaFiles;
    private final FulfilledUploads fulfilled;
    private final PhotoUrls photoUrls;
    private final Clock clock;

    public InstantPhotos(SaveMediaFilePort mediaFiles, FulfilledUploads fulfilled, PhotoUrls photoUrls, Clock clock) {
        this.mediaFiles = mediaFiles;
        this.fulfilled = fulfilled;
        this.photoUrls = photoUrls;
        this.clock = clock;
    }

    /**
     * Records the photo while {@code existing} is still stored; empty when its last photo was deleted meanwhile and
     * the object went with it (then the bytes must be uploaded again; nothing was written).
     */
    Optional<Photo> record(Placement placement, FileName name, StoredObject existing, Instant capturedAt) {
        Optional<MediaFile> photo =
                mediaFiles.saveIfStored(MediaFile.record(placement, name, existing, capturedAt, clock.instant()));
        photo.ifPresent(fulfilled::completeWith);
        return photo.map(photoUrls::withUrl);
    }
}
