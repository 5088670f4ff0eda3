package dev.directupload.adapter.localstorage.signing;

import java.util.Objects;
import java.util.Optional;

/** The one access key the local store knows; a security token only when it stands in for STS credentials. */
public record AccessKey(String id, String secret, Optional<String> securityToken) {

    public AccessKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(securityToken, "securityToken");
        if (id.isBlank() || secret.isBlank()) {
            throw new IllegalArgumentException("local-storage access key id and secret must not be blank");
        }
    }

    public static AccessKey of(String id, String secret) {
        return new AccessKey(id, secret, Optional.empty());
    }

    @Override
    public String toString() {
        return "AccessKey[id=" + id + ", secret=***, token="
                + securityToken.map(t -> "***").orElse("none") + "]";
    }
}
