package dev.directupload.adapter.localstorage.error;

/**
 * The OSS error codes the local store answers, each with OSS's HTTP status. Two are the store's own, as OSS has no
 * code for them: {@code SlowDown} (503, too many uploads at once; S3's name, which OSS SDKs retry like any 503) and
 * {@code InsufficientStorage} (503: the disk is short of {@code local-storage.min-free-bytes}; a 5xx, so clients retry
 * later rather than give up, and 503 rather than WebDAV's 507, which OSS never answers and clients do not retry).
 */
public enum OssError {
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403),
    ACCESS_DENIED("AccessDenied", 403),
    INVALID_ACCESS_KEY_ID("InvalidAccessKeyId", 403),
    INVALID_SECURITY_TOKEN("InvalidSecurityToken", 403),
    SECURITY_TOKEN_EXPIRED("SecurityTokenExpired", 403),
    REQUEST_TIME_TOO_SKEWED("RequestTimeTooSkewed", 403),
    ENTITY_TOO_LARGE("EntityTooLarge", 400),
    ENTITY_TOO_SMALL("EntityTooSmall", 400),
    INVALID_POLICY_DOCUMENT("InvalidPolicyDocument", 400),
    INVALID_ARGUMENT("InvalidArgument", 400),
    FILE_ALREADY_EXISTS("FileAlreadyExists", 409),
    /** The object is stored, but its upload callback failed: a success status, as OSS answers it. */
    CALLBACK_FAILED("CallbackFailed", 203),
    MALFORMED_POST_REQUEST("MalformedPOSTRequest", 400),
    MAX_POST_PRE_DATA_LENGTH_EXCEEDED("MaxPOSTPreDataLengthExceededError", 400),
    REQUEST_TIMEOUT("RequestTimeout", 400),
    INVALID_RANGE("InvalidRange", 416),
    NO_SUCH_BUCKET("NoSuchBucket", 404),
    NO_SUCH_KEY("NoSuchKey", 404),
    INTERNAL_ERROR("InternalError", 500),
    SLOW_DOWN("SlowDown", 503),
    INSUFFICIENT_STORAGE("InsufficientStorage", 503);

    private final String code;
    private final int status;

    OssError(String code, int status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** A rejection carrying this code and a message for the XML body. */
    public OssRejection reject(String message) {
        return new OssRejection(this, message);
    }
}
