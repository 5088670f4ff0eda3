package dev.directupload.application.service.photo;

import dev.directupload.application.port.in.photo.ListAlbumPhotosUseCase;
import dev.directupload.application.port.in.photo.Photo;
import dev.directupload.application.port.in.photo.PhotoPage;
import dev.directupload.application.port.out.media.LoadMediaFilePort;
import dev.directupload.application.port.out.media.PageCursor;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.application.service.media.PhotoUrls;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;
import java.util.List;
import java.util.Optional;

/** Lists an album's photos newest first, by keyset pages, each with a presigned download URL. */
public final class ListAlbumPhotosService implements ListAlbumPhotosUseCase {

    private final FamilyAccess access;
    private final LoadMediaFilePort mediaFiles;
    private final PhotoUrls photoUrls;

    public ListAlbumPhotosService(FamilyAccess access, LoadMediaFilePort mediaFiles, PhotoUrls photoUrls) {
        this.access = access;
        this.mediaFiles = mediaFiles;
        this.photoUrls = photoUrls;
    }

    @Override
    public PhotoPage list(UserId caller, AlbumId album, Optional<String> cursor, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException(ErrorCode.INVALID_LIMIT, "limit must be 1-" + MAX_LIMIT + ", was " + limit);
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
}
