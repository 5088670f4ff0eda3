package dev.directupload.adapter.localstorage.signing;

import dev.directupload.adapter.localstorage.error.OssError;
import dev.directupload.adapter.localstorage.error.OssRejection;
import java.util.Objects;

/**
 * Who may sign for the local store: its access key in its region. Checks a request's V4 credential scope
 * and security token, and derives the signing key of a day.
 */
public final class SigningIdentity {

    private final AccessKey accessKey;
    private final String region;

    public SigningIdentity(AccessKey accessKey, String region) {
        this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
        this.region = Objects.requireNonNull(region, "region");
    }

    public String accessKeyId() {
        return accessKey.id();
    }

    String region() {
        return region;
    }

    /** {@code <AccessKeyId>/<day>/<region>/oss/aliyun_v4_request}. */
    public String credential(String day) {
        return accessKey.id() + "/" + OssV4Signature.scope(day, region);
    }

    public byte[] signingKey(String day) {
        return OssV4Signature.signingKey(accessKey.secret(), day, region);
    }

    /**
     * A credential must name this access key, the day of the request's {@code x-oss-date}, this region,
     * {@code oss} and {@code aliyun_v4_request}.
     */
    void checkCredential(String credential, String day) {
        if (!accessKey.id().equals(accessKeyIdOf(credential))) {
            throw unknownAccessKey();
        }
        checkScope(credential, day);
    }

    /** The access key id a V4 credential names. */
    static String accessKeyIdOf(String credential) {
        return parts(credential)[0];
    }

    /** The credential's scope must be the day of the request's {@code x-oss-date}, this region, oss, aliyun_v4_request. */
    void checkScope(String credential, String day) {
        String[] parts = parts(credential);
        if (!parts[1].equals(day)) {
            throw OssError.INVALID_ARGUMENT.reject(
                    "Invalid signing date in credential: '" + parts[1] + "' is not the day of x-oss-date.");
        }
        if (!parts[2].equals(region)) {
            throw OssError.INVALID_ARGUMENT.reject(
                    "Invalid signing region in credential: '" + parts[2] + "', expected '" + region + "'.");
        }
        if (!parts[3].equals(OssV4Signature.SERVICE) || !parts[4].equals(OssV4Signature.TERMINATOR)) {
            throw OssError.INVALID_ARGUMENT.reject("Invalid credential scope '" + credential + "'.");
        }
    }

    private static String[] parts(String credential) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5) {
            throw OssError.INVALID_ARGUMENT.reject("Invalid credential '" + credential + "'.");
        }
        return parts;
    }

    /** OSS's answer for an access key id it does not know, and for an STS key id posted without its token. */
    static OssRejection unknownAccessKey() {
        return OssError.INVALID_ACCESS_KEY_ID.reject(
                "The OSS Access Key Id you provided does not exist in our records.");
    }

    /**
     * A key with a security token (STS) requires exactly that token ({@code InvalidAccessKeyId} without one,
     * {@code InvalidSecurityToken} for another); a key without one accepts none.
     */
    void checkSecurityToken(String requestToken) {
        boolean expected = accessKey.securityToken().isPresent();
        if (requestToken == null && !expected) {
            return;
        }
        if (expected && requestToken != null) {
            if (!OssV4Signature.matches(accessKey.securityToken().get(), requestToken)) {
                throw OssError.INVALID_SECURITY_TOKEN.reject("The security token you provided is invalid.");
            }
            return;
        }
        throw OssError.INVALID_ACCESS_KEY_ID.reject(
                "The security token you provided is invalid for this " + "access key.");
    }
}
