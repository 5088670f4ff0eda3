package dev.directupload.adapter.localstorage.signing;

import dev.directupload.adapter.localstorage.error.OssError;
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
        String[] parts = credential.split("/", -1);
        if (parts.length != 5) {
            throw OssError.INVALID_ARGUMENT.reject("Invalid credential '" + credential + "'.");
        }
        if (!accessKey.id().equals(parts[0])) {
            throw OssError.INVALID_ACCESS_KEY_ID.reject(
                    "The OSS Access Key Id you provided does not exist in " + "our records.");
        }
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

    /** A key with a security token (STS) requires exactly that token; a key without one accepts none. */
    void checkSecurityToken(String requestToken) {
        boolean expected = accessKey.securityToken().isPresent();
        if (requestToken == null && !expected) {
            return;
        }
        if (requestToken == null
                || !expected
                || !OssV4Signature.matches(accessKey.securityToken().get(), requestToken)) {
            throw OssError.INVALID_ACCESS_KEY_ID.reject(
                    "The security token you provided is invalid for this " + "access key.");
        }
    }
}
