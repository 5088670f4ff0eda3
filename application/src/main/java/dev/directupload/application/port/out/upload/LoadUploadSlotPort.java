package dev.directupload.application.port.out.upload;

import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.upload.UploadId;
import dev.directupload.domain.upload.UploadSlot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads upload slots. */
public interface LoadUploadSlotPort {

    Optional<UploadSlot> findSlot(UploadId id);

    /**
     * PENDING slots whose expiry is at or before {@code now}, ordered by (expiry, id), after {@code after} when
     * given, at most {@code limit}: a keyset page, so a slot that keeps failing never hides the ones behind it.
     */
    List<UploadSlot> findPendingExpired(Instant now, Optional<SlotCursor> after, int limit);

    /** How many PENDING slots {@code creator} holds. */
    int countPending(UserId creator);

    /** The PENDING slots of an album. */
    List<UploadSlot> findPendingInAlbum(AlbumId album);

    /** The PENDING slots that would put {@code content} (MD5 and size) into {@code album}. */
    List<UploadSlot> findPendingFor(AlbumId album, FileContent content);

    /** Every slot (any status) whose upload key is {@code key}, newest first. */
    List<UploadSlot> findByKey(ObjectKey key);
}
