package dev.directupload.application.port.in.compat;

import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;

/** The article-compatible signature call: one policy for the caller's incoming prefix in a family. */
public interface SignPrefixPolicyUseCase {

    /** @param album the album the client will record the files in ({@code file_path}); must be the family's */
    PrefixPolicy sign(UserId caller, FamilyId family, AlbumId album);
}
