package dev.directupload.application.port.out.media;

import dev.directupload.domain.media.MediaFile;
import java.util.Optional;

/** Writes photos; one per (album, stored object), decided by a unique constraint. */
public interface SaveMediaFilePort {

    /** Inserts {@code file} unless its album already holds the same content; returns the photo that does. */
    MediaFile saveIfAbsent(MediaFile file);

    /**
     * As {@link #saveIfAbsent}, but only while the family's stored object of the photo's content still exists at the
     * photo's key: its record is read under a shared lock held until the transaction ends, so the deletion of its
     * last photo waits for this photo (and then keeps the record), or has already removed it (and nothing is saved).
     *
     * @return the album's photo of the content, or empty when the stored object is gone (nothing written)
     */
    Optional<MediaFile> saveIfStored(MediaFile file);
}
