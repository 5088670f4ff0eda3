package dev.directupload.application.port.out.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Short-lived signing credentials (STS), or a static key with no token in development mode. */
public record TemporaryCredentials(
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
