package dev.directupload.application.service.album;

import dev.directupload.application.port.in.album.DeleteAlbumUseCase;
import dev.directupload.application.port.out.TransactionPort;
import dev.directupload.application.port.out.album.AlbumPort;
import dev.directupload.application.port.out.upload.LoadUploadSlotPort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.application.service.media.ObjectJanitor;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.ConflictException;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.upload.UploadSlot;

/**
 * Deletes an album of one of the caller's families, only while it holds no photo. Its pending upload slots go with
 * it, and whatever bytes they may still receive are queued for deletion in the same transaction.
 */
public final class DeleteAlbumService implements DeleteAlbumUseCase {

    private final AlbumPort albums;
    private final LoadUploadSlotPort slots;
    private final ObjectJanitor janitor;
    private final FamilyAccess access;
    private final TransactionPort transactions;

    public DeleteAlbumService(
            AlbumPort albums,
            LoadUploadSlotPort slots,
            ObjectJanitor janitor,
            FamilyAccess access,
            TransactionPort transactions) {
        this.albums = albums;
        this.slots = slots;
        this.janitor = janitor;
        this.access = access;
        this.transactions = transactions;
    }

    @Override
    public void delete(UserId caller, AlbumId albumId) {
        access.requireVisibleAlbum(albumId, caller);
        boolean deleted = transactions.inTransaction(() -> {
            var pending = slots.findPendingInAlbum(albumId);
            if (!albums.deleteIfEmpty(albumId)) {
                return false;
            }
            for (UploadSlot slot : pending) {
                janitor.enqueue(slot.key());
            }
            return true;
        });
        if (!deleted) {
            throw new ConflictException(ErrorCode.ALBUM_NOT_EMPTY, "album " + albumId + " still holds photos");
        }
    }
}
