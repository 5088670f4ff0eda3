package dev.directupload.application.port.in.compat;

import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import java.util.List;

/** The article-compatible hash check: answered only for the caller's own family, in one query. */
public interface CheckHashesUseCase {

    int MAX_HASHES = 1000;

    /**
     * @param md5s 1-1000 md5 strings
     * @throws dev.directupload.domain.shared.InvalidValueException {@code too_many_hashes},
     *     {@code invalid_request} or {@code invalid_md5}
     */
    HashCheck check(UserId caller, FamilyId family, List<String> md5s);
}
