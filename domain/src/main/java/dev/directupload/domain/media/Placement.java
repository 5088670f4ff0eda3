package dev.directupload.domain.media;

import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import java.util.Objects;

/** Where a photo is recorded and by whom: an album of a family, and the member who added it. */
public record Placement(FamilyId familyId, AlbumId albumId, UserId creatorId) {

    public Placement {
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(albumId, "albumId");
        Objects.requireNonNull(creatorId, "creatorId");
    }
}
