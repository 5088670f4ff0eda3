package dev.directupload.adapter.web.request;

import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;
import dev.directupload.domain.shared.NotFoundException;
import java.util.function.Function;

/** Ids from URL paths: a malformed id names nothing, so it answers 404 like an unknown one. */
public final class PathIds {

    private PathIds() {}

    public static FamilyId family(String raw) {
        return parse(raw, FamilyId::new, ErrorCode.FAMILY_NOT_FOUND, "family");
    }

    public static AlbumId album(String raw) {
        return parse(raw, AlbumId::new, ErrorCode.ALBUM_NOT_FOUND, "album");
    }

    public static UserId member(String raw) {
        return parse(raw, UserId::new, ErrorCode.MEMBER_NOT_FOUND, "member");
    }

    public static <T> T parse(String raw, Function<String, T> ctor, ErrorCode code, String what) {
        try {
            return ctor.apply(raw);
        } catch (InvalidValueException e) {
            throw new NotFoundException(code, what + " does not exist");
        }
    }
}
