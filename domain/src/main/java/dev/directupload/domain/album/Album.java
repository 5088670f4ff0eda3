package dev.directupload.domain.album;

import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.shared.DisplayName;
import java.time.Instant;
import java.util.Objects;

/** A named collection of photos and videos inside one family. */
public final class Album {

    private final AlbumId id;
    private final FamilyId familyId;
    private final DisplayName name;
    private final Instant createdAt;

    private Album(AlbumId id, FamilyId familyId, DisplayName name, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.familyId = Objects.requireNonNull(familyId, "familyId");
        this.name = Objects.requireNonNull(name, "name");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public static Album create(FamilyId familyId, DisplayName name, Instant now) {
        return new Album(AlbumId.newId(), familyId, name, now);
    }

    public static Album reconstitute(AlbumId id, FamilyId familyId, DisplayName name, Instant createdAt) {
        return new Album(id, familyId, name, createdAt);
    }

    public Album rename(DisplayName newName) {
        return new Album(id, familyId, newName, createdAt);
    }

    public boolean belongsTo(FamilyId family) {
        return familyId.equals(family);
    }

    public AlbumId id() {
        return id;
    }

    public FamilyId familyId() {
        return familyId;
    }

    public DisplayName name() {
        return name;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
