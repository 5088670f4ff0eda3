package dev.directupload.application.port.out.media;

import dev.directupload.domain.media.MediaFile;

/** Writes photos; one per (album, stored object), decided by a unique constraint. */
public interface SaveMediaFilePort {

    /** Inserts {@code file} unless its album already holds the same content; returns the photo that does. */
    MediaFile saveIfAbsent(MediaFile file);
}
