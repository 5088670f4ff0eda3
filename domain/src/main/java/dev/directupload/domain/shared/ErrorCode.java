package dev.directupload.domain.shared;

import java.util.Locale;

/**
 * Every error code the service can answer with: the stable snake_case names clients match on. The HTTP status
 * comes from the kind of failure that carries the code, not from the code; a per-item code in a batch answer
 * has no status of its own. The project's API reference lists exactly these (a test keeps them in step).
 */
public enum ErrorCode {
    // the request itself
    INVALID_REQUEST,
    INVALID_ID,
    INVALID_NAME,
    INVALID_SIZE,
    INVALID_MD5,
    INVALID_LIMIT,
    INVALID_CURSOR,
    INVALID_TIME,
    INVALID_OBJECT_KEY,
    TYPE_NOT_ALLOWED,
    FILE_TOO_LARGE,
    TOO_MANY_FILES,
    TOO_MANY_HASHES,
    HASH_CONFLICT,
    KEY_NOT_ALLOWED,
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    UNSUPPORTED_MEDIA_TYPE,
    REQUEST_TOO_LARGE,
    INVALID_CALLBACK,
    // who is asking
    UNAUTHORIZED,
    WECHAT_LOGIN_FAILED,
    FORBIDDEN,
    NOT_FAMILY_OWNER,
    CALLBACK_SIGNATURE_INVALID,
    // what is asked for
    NOT_FOUND,
    FAMILY_NOT_FOUND,
    ALBUM_NOT_FOUND,
    PHOTO_NOT_FOUND,
    UPLOAD_NOT_FOUND,
    MEMBER_NOT_FOUND,
    INVITE_NOT_FOUND,
    // state
    OBJECT_NOT_FOUND,
    UPLOAD_VERIFICATION_FAILED,
    UPLOAD_EXPIRED,
    PHOTO_DELETED,
    ALBUM_NOT_EMPTY,
    LAST_OWNER,
    INVITE_EXPIRED,
    INVITE_USED_UP,
    // a batch with refused items
    ITEMS_REJECTED,
    // limits
    RATE_LIMITED,
    QUOTA_EXCEEDED,
    TOO_MANY_PENDING_UPLOADS,
    // dependencies
    STORAGE_CREDENTIALS_UNAVAILABLE,
    STORAGE_UNAVAILABLE,
    WECHAT_UNAVAILABLE,
    SERVICE_UNAVAILABLE,
    INTERNAL_ERROR;

    /** The name on the wire, e.g. {@code album_not_found}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
