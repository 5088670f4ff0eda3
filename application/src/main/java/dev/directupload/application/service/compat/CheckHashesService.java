package dev.directupload.application.service.compat;

import dev.directupload.application.port.in.compat.CheckHashesUseCase;
import dev.directupload.application.port.in.compat.HashCheck;
import dev.directupload.application.port.out.media.LoadStoredObjectsPort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Answers which hashes the caller's family stores, verified, with one query however many are asked. */
public final class CheckHashesService implements CheckHashesUseCase {

    private final FamilyAccess access;
    private final LoadStoredObjectsPort storedObjects;

    public CheckHashesService(FamilyAccess access, LoadStoredObjectsPort storedObjects) {
        this.access = access;
        this.storedObjects = storedObjects;
    }

    @Override
    public HashCheck check(UserId caller, FamilyId family, List<String> md5s) {
        if (md5s == null || md5s.isEmpty()) {
            throw new InvalidValueException(ErrorCode.INVALID_REQUEST, "hashes must list at least one md5");
        }
        if (md5s.size() > MAX_HASHES) {
            throw new InvalidValueException(
                    ErrorCode.TOO_MANY_HASHES,
                    "hashes lists " + md5s.size() + " values; at most " + MAX_HASHES + " per request");
        }
        Set<ContentHash> asked = new LinkedHashSet<>();
        for (int i = 0; i < md5s.size(); i++) {
            try {
                asked.add(new ContentHash(md5s.get(i)));
            } catch (InvalidValueException e) {
                throw new InvalidValueException(e.code(), "hashes[" + i + "]: " + e.getMessage());
            }
        }
        access.requireMember(family, caller);
        Set<ContentHash> stored = storedObjects.findVerifiedHashes(family, asked);
        List<ContentHash> existing = new ArrayList<>();
        List<ContentHash> missing = new ArrayList<>();
        for (ContentHash hash : asked) {
            (stored.contains(hash) ? existing : missing).add(hash);
        }
        return new HashCheck(existing, missing);
    }
}
