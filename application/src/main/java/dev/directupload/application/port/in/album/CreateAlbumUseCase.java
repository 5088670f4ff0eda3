package dev.directupload.application.port.in.album;

import dev.directupload.domain.album.Album;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.DisplayName;

/** Creates an album in one of the caller's families. */
public interface CreateAlbumUseCase {

    Album create(UserId caller, FamilyId family, DisplayName name);
}
