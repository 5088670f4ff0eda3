package dev.directupload.application.port.in.photo;

import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.identity.UserId;
import java.util.Optional;

/** Lists an album's photos, newest first, by keyset pages. */
public interface ListAlbumPhotosUseCase {

    int DEFAULT_LIMIT = 50;
    int MAX_LIMIT = 100;

    /** @throws dev.directupload.domain.shared.InvalidValueException {@code invalid_limit}, {@code invalid_cursor} */
    PhotoPage list(UserId caller, AlbumId album, Optional<String> cursor, int limit);
}
