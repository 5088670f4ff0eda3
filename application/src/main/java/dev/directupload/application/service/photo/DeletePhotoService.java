package dev.directupload.application.service.photo;

import dev.directupload.application.port.in.photo.DeletePhotoUseCase;
import dev.directupload.application.port.out.TransactionPort;
import dev.directupload.application.port.out.family.LoadMembershipPort;
import dev.directupload.application.port.out.media.DeleteMediaFilePort;
import dev.directupload.application.port.out.media.LoadMediaFilePort;
import dev.directupload.application.port.out.media.PendingDeletionPort;
import dev.directupload.application.service.media.ObjectJanitor;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.media.MediaFileId;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.NotFoundException;
import dev.directupload.domain.storage.ObjectKey;
import java.time.Clock;
import java.util.Optional;

/**
 * Removes a photo from its album. When it was the family's last reference to its bytes, the key is queued
 * for deletion in the same transaction and deleted after commit (the sweeper retries a failed delete).
 */
public final class DeletePhotoService implements DeletePhotoUseCase {

    private final LoadMembershipPort memberships;
    private final LoadMediaFilePort mediaFiles;
    private final DeleteMediaFilePort deletions;
    private final PendingDeletionPort pending;
    private final ObjectJanitor janitor;
    private final TransactionPort transactions;
    private final Clock clock;

    public DeletePhotoService(
            LoadMembershipPort memberships,
            LoadMediaFilePort mediaFiles,
            DeleteMediaFilePort deletions,
            PendingDeletionPort pending,
            ObjectJanitor janitor,
            TransactionPort transactions,
            Clock clock) {
        this.memberships = memberships;
        this.mediaFiles = mediaFiles;
        this.deletions = deletions;
        this.pending = pending;
        this.janitor = janitor;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void delete(UserId caller, MediaFileId photoId) {
        MediaFile photo = mediaFiles
                .findMediaFile(photoId)
                .filter(p -> memberships.findMembership(p.familyId(), caller).isPresent())
                .orElseThrow(
                        () -> new NotFoundException(ErrorCode.PHOTO_NOT_FOUND, "photo " + photoId + " does not exist"));
        Optional<ObjectKey> orphan = transactions.inTransaction(() -> {
            Optional<ObjectKey> key = deletions.deleteMediaFile(photo);
            key.ifPresent(k -> pending.enqueueDeletion(k, clock.instant()));
            return key;
        });
        orphan.ifPresent(janitor::tryDelete);
    }
}
