package dev.directupload.domain.family;

import dev.directupload.domain.shared.DisplayName;
import java.time.Instant;
import java.util.Objects;

/** A family: the scope of sharing, of dedupe and of upload credentials. */
public final class Family {

    private final FamilyId id;
    private final DisplayName name;
    private final Instant createdAt;

    private Family(FamilyId id, DisplayName name, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public static Family create(DisplayName name, Instant now) {
        return new Family(FamilyId.newId(), name, now);
    }

    public static Family reconstitute(FamilyId id, DisplayName name, Instant createdAt) {
        return new Family(id, name, createdAt);
    }

    public FamilyId id() {
        return id;
    }

    public DisplayName name() {
        return name;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
