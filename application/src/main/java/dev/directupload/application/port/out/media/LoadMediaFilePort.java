package dev.directupload.application.port.out.media;

import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.media.MediaFileId;
import dev.directupload.domain.storage.ObjectKey;
import java.util.List;
import java.util.Optional;

/** Reads photos. */
public interface LoadMediaFilePort {

    Optional<MediaFile> findMediaFile(MediaFileId id);

    /** The album's photos whose content has this MD5 (there is at most one per size). */
    List<MediaFile> findInAlbum(AlbumId album, ContentHash md5);

    /** True when any photo points at {@code key}. */
    boolean isKeyReferenced(ObjectKey key);

    /**
     * One page of an album, newest first (created_at desc, id desc), strictly after {@code after} when given.
     */
    List<MediaFile> listAlbumPage(AlbumId album, Optional<PageCursor> after, int limit);
}
