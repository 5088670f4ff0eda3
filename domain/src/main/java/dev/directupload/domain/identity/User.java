package dev.directupload.domain.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A person using the service, known by one external identity (WeChat openid, or a dev name). */
public final class User {

    private final UserId id;
    private final ExternalIdentity identity;
    private final String unionId;
    private final Instant createdAt;

    private User(UserId id, ExternalIdentity identity, String unionId, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.unionId = unionId;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A user seen for the first time; {@code unionId} is WeChat's cross-app id, when it sent one. */
    public static User register(ExternalIdentity identity, String unionId, Instant now) {
        return new User(UserId.newId(), identity, unionId, now);
    }

    public static User reconstitute(UserId id, ExternalIdentity identity, String unionId, Instant createdAt) {
        return new User(id, identity, unionId, createdAt);
    }

    public UserId id() {
        return id;
    }

    public ExternalIdentity identity() {
        return identity;
    }

    public Optional<String> unionId() {
        return Optional.ofNullable(unionId);
    }

    public Instant createdAt() {
        return createdAt;
    }
}
