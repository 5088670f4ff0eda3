package dev.directupload.adapter.localstorage.error;

/** The OSS error codes the local store answers, each with OSS's HTTP status. */
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
    MALFORMED_POST_REQUEST("MalformedPOSTRequest", 400),
    NO_SUCH_BUCKET("NoSuchBucket", 404),
    NO_SUCH_KEY("NoSuchKey", 404);

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
