package dev.directupload.application.port.in.compat;

import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import java.util.Optional;

/** The article-compatible signature call: one policy for the caller's incoming prefix in a family. */
public interface SignPrefixPolicyUseCase {

    /** @param album the album the client will record the files in ({@code file_path}); must be the family's */
    PrefixPolicy sign(UserId caller, FamilyId family, AlbumId album);

    /**
     * {@link #sign}, when every answer it needs is at hand in memory (recent membership, album and usage answers,
     * cached signing credentials): no database or network call. Empty when {@link #sign} would have to look
     * something up; it throws what {@link #sign} would throw for the answers it has.
     */
    Optional<PrefixPolicy> signFromRecentAnswers(UserId caller, FamilyId family, AlbumId album);
}
