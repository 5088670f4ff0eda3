package dev.directupload.adapter.localstorage.signing;

import dev.directupload.domain.storage.KeyPrefix;
import java.time.Instant;
import java.util.Objects;

/**
 * Credentials the store's STS emulation issued: a temporary access key with its security token, when it expires, and
 * the key prefix it may upload under (as an STS session policy allowing {@code oss:PutObject} there only).
 */
public record TemporaryCredentials(AccessKey key, Instant expiresAt, KeyPrefix scope) {

    public TemporaryCredentials {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(scope, "scope");
        if (key.securityToken().isEmpty()) {
            throw new IllegalArgumentException("temporary credentials carry a security token");
        }
    }

    public String accessKeyId() {
        return key.id();
    }

    public String securityToken() {
        return key.securityToken().orElseThrow();
    }

    /** {@code <temporary AccessKeyId>/<day>/<region>/oss/aliyun_v4_request}. */
    public String credential(String day, String region) {
        return key.id() + "/" + OssV4Signature.scope(day, region);
    }

    public byte[] signingKey(String day, String region) {
        return OssV4Signature.signingKey(key.secret(), day, region);
    }

    /** True when fewer than {@code margin} remain at {@code now}. */
    boolean expiresWithin(java.time.Duration margin, Instant now) {
        return !now.plus(margin).isBefore(expiresAt);
    }
}
