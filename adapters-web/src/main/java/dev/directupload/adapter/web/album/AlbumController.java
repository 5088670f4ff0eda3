package dev.directupload.adapter.web.album;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.directupload.adapter.web.auth.Caller;
import dev.directupload.adapter.web.request.PathIds;
import dev.directupload.application.port.in.album.CreateAlbumUseCase;
import dev.directupload.application.port.in.album.DeleteAlbumUseCase;
import dev.directupload.application.port.in.album.ListAlbumsUseCase;
import dev.directupload.application.port.in.album.RenameAlbumUseCase;
import dev.directupload.application.port.model.AlbumSummary;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.shared.DisplayName;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Albums of a family. */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class AlbumController {

    private final CreateAlbumUseCase createAlbum;
    private final ListAlbumsUseCase listAlbums;
    private final RenameAlbumUseCase renameAlbum;
    private final DeleteAlbumUseCase deleteAlbum;

    AlbumController(
            CreateAlbumUseCase createAlbum,
            ListAlbumsUseCase listAlbums,
            RenameAlbumUseCase renameAlbum,
            DeleteAlbumUseCase deleteAlbum) {
        this.createAlbum = createAlbum;
        this.listAlbums = listAlbums;
        this.renameAlbum = renameAlbum;
        this.deleteAlbum = deleteAlbum;
    }

    @Post("/families/{familyId}/albums")
    @Status(HttpStatus.CREATED)
    AlbumResponse create(Authentication auth, String familyId, @Body NameRequest body) {
        return AlbumResponse.from(
                createAlbum.create(Caller.of(auth), PathIds.family(familyId), new DisplayName(body.name())), null);
    }

    @Get("/families/{familyId}/albums")
    AlbumList list(Authentication auth, String familyId) {
        return new AlbumList(listAlbums.list(Caller.of(auth), PathIds.family(familyId)).stream()
                .map(AlbumResponse::from)
                .toList());
    }

    @Patch("/albums/{albumId}")
    AlbumResponse rename(Authentication auth, String albumId, @Body NameRequest body) {
        return AlbumResponse.from(
                renameAlbum.rename(Caller.of(auth), PathIds.album(albumId), new DisplayName(body.name())), null);
    }

    @Delete("/albums/{albumId}")
    HttpResponse<Void> delete(Authentication auth, String albumId) {
        deleteAlbum.delete(Caller.of(auth), PathIds.album(albumId));
        return HttpResponse.noContent();
    }

    /** {@code {"name": "..."}}. */
    @Serdeable
    record NameRequest(@Nullable String name) {}

    /** {@code {"id","family_id","name"}}, with {@code photo_count} in listings. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AlbumResponse(
            String id,
            String familyId,
            String name,
            @Nullable Long photoCount) {
        static AlbumResponse from(Album album, Long photoCount) {
            return new AlbumResponse(
                    album.id().value(), album.familyId().value(), album.name().value(), photoCount);
        }

        static AlbumResponse from(AlbumSummary summary) {
            return from(summary.album(), summary.photoCount());
        }
    }

    /** {@code {"items": [...]}}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AlbumList(List<AlbumResponse> items) {}
}
