package dev.directupload.application.port.in.album;

import dev.directupload.application.port.model.AlbumSummary;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;

/** Lists a family's albums with their photo counts. */
public interface ListAlbumsUseCase {

    java.util.List<AlbumSummary> list(UserId caller, FamilyId family);
}
