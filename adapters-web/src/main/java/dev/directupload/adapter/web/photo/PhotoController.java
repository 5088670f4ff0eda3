package dev.directupload.adapter.web.photo;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.directupload.adapter.web.auth.Caller;
import dev.directupload.adapter.web.request.PathIds;
import dev.directupload.application.port.in.photo.DeletePhotoUseCase;
import dev.directupload.application.port.in.photo.ListAlbumPhotosUseCase;
import dev.directupload.application.port.in.photo.PhotoPage;
import dev.directupload.domain.media.MediaFileId;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Album listings and photo deletion. */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class PhotoController {

    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,9}");

    private final ListAlbumPhotosUseCase listPhotos;
    private final DeletePhotoUseCase deletePhoto;

    PhotoController(ListAlbumPhotosUseCase listPhotos, DeletePhotoUseCase deletePhoto) {
        this.listPhotos = listPhotos;
        this.deletePhoto = deletePhoto;
    }

    @Get("/albums/{albumId}/photos")
    PhotoListResponse list(
            Authentication auth,
            String albumId,
            @Nullable @QueryValue String limit,
            @Nullable @QueryValue String cursor) {
        PhotoPage page = listPhotos.list(
                Caller.of(auth), PathIds.album(albumId), Optional.ofNullable(cursor), parseLimit(limit));
        return new PhotoListResponse(
                page.items().stream().map(PhotoResponse::from).toList(),
                page.nextCursor().orElse(null));
    }

    @Delete("/photos/{photoId}")
    HttpResponse<Void> delete(Authentication auth, String photoId) {
        deletePhoto.delete(
                Caller.of(auth), PathIds.parse(photoId, MediaFileId::new, ErrorCode.PHOTO_NOT_FOUND, "photo"));
        return HttpResponse.noContent();
    }

    /** Plain ASCII digits only: no sign, no spaces, no other scripts' digits ({@code Integer.parseInt} takes those). */
    private static int parseLimit(String limit) {
        if (limit == null) {
            return ListAlbumPhotosUseCase.DEFAULT_LIMIT;
        }
        if (!LIMIT.matcher(limit).matches()) {
            throw new InvalidValueException(ErrorCode.INVALID_LIMIT, "limit must be a whole number 1-100");
        }
        return Integer.parseInt(limit);
    }

    /** {@code {"items":[...],"next_cursor": "..." | null}}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PhotoListResponse(
            List<PhotoResponse> items, @Nullable String nextCursor) {}
}
