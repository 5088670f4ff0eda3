package dev.directupload.adapter.oss.upload;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The credentials an upload form is signed with: STS AssumeRole's (short-lived, with a security token), or the
 * service's RAM key in static-key mode (no token). An inner detail of this adapter, never handed to the application.
 */
record TemporaryCredentials(
        String accessKeyId, String accessKeySecret, Optional<String> securityToken, Instant expiresAt) {

    public TemporaryCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(accessKeySecret, "accessKeySecret");
        Objects.requireNonNull(securityToken, "securityToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** True when fewer than {@code margin} seconds remain at {@code now}. */
    public boolean expiresWithin(java.time.Duration margin, Instant now) {
        return !now.plus(margin).isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "TemporaryCredentials[accessKeyId=" + accessKeyId + ", secret=***, token="
                + securityToken.map(t -> "***").orElse("none") + ", expiresAt=" + expiresAt + "]";
    }
}
