package dev.directupload.application.service.photo;

import dev.directupload.application.port.in.photo.DeletePhotoUseCase;
import dev.directupload.application.port.in.photo.ListAlbumPhotosUseCase;
import dev.directupload.application.port.in.photo.Photo;
import dev.directupload.application.port.in.photo.PhotoPage;
import dev.directupload.application.port.out.TransactionPort;
import dev.directupload.application.port.out.family.LoadMembershipPort;
import dev.directupload.application.port.out.media.DeleteMediaFilePort;
import dev.directupload.application.port.out.media.LoadMediaFilePort;
import dev.directupload.application.port.out.media.PageCursor;
import dev.directupload.application.port.out.media.PendingDeletionPort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.application.service.media.ObjectJanitor;
import dev.directupload.application.service.media.PhotoUrls;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.media.MediaFileId;
import dev.directupload.domain.shared.InvalidValueException;
import dev.directupload.domain.shared.NotFoundException;
import dev.directupload.domain.storage.ObjectKey;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Album listing (newest first, keyset pages, presigned URLs) and photo deletion. */
public final class PhotoServices implements ListAlbumPhotosUseCase, DeletePhotoUseCase {

    private final FamilyAccess access;
    private final LoadMembershipPort memberships;
    private final LoadMediaFilePort mediaFiles;
    private final DeleteMediaFilePort deletions;
    private final PendingDeletionPort pending;
    private final ObjectJanitor janitor;
    private final PhotoUrls photoUrls;
    private final TransactionPort transactions;
    private final Clock clock;

    public PhotoServices(
            FamilyAccess access,
            LoadMembershipPort memberships,
            LoadMediaFilePort mediaFiles,
            DeleteMediaFilePort deletions,
            PendingDeletionPort pending,
            ObjectJanitor janitor,
            PhotoUrls photoUrls,
            TransactionPort transactions,
            Clock clock) {
        this.access = access;
        this.memberships = memberships;
        this.mediaFiles = mediaFiles;
        this.deletions = deletions;
        this.pending = pending;
        this.janitor = janitor;
        this.photoUrls = photoUrls;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public PhotoPage list(UserId caller, AlbumId album, Optional<String> cursor, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException("invalid_limit", "limit must be 1-" + MAX_LIMIT + ", was " + limit);
        }
        Optional<PageCursor> after = cursor.map(PhotoCursor::decode);
        access.requireVisibleAlbum(album, caller);
        List<MediaFile> rows = mediaFiles.listAlbumPage(album, after, limit + 1);
        List<MediaFile> page = rows.subList(0, Math.min(limit, rows.size()));
        Optional<String> next = rows.size() > limit
                ? Optional.of(PhotoCursor.encode(new PageCursor(
                        page.get(page.size() - 1).createdAt(),
                        page.get(page.size() - 1).id())))
                : Optional.empty();
        List<Photo> photos = page.stream().map(photoUrls::withUrl).toList();
        return new PhotoPage(photos, next);
    }

    @Override
    public void delete(UserId caller, MediaFileId photoId) {
        MediaFile photo = mediaFiles
                .findMediaFile(photoId)
                .filter(p -> memberships.findMembership(p.familyId(), caller).isPresent())
                .orElseThrow(() -> new NotFoundException("photo_not_found", "photo " + photoId + " does not exist"));
        Optional<ObjectKey> orphan = transactions.inTransaction(() -> {
            Optional<ObjectKey> key = deletions.deleteMediaFile(photo);
            key.ifPresent(k -> pending.enqueueDeletion(k, clock.instant()));
            return key;
        });
        orphan.ifPresent(janitor::tryDelete);
    }
}
