package dev.directupload.domain.media;

import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.storage.StoredObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A photo or video in an album: metadata pointing at a verified stored object of the same family. */
public final class MediaFile {

    private final MediaFileId id;
    private final Placement placement;
    private final FileName fileName;
    private final ObjectKey key;
    private final FileFormat format;
    private final FileContent content;
    private final Instant capturedAt;
    private final Instant createdAt;

    private MediaFile(
            MediaFileId id,
            Placement placement,
            FileName fileName,
            ObjectKey key,
            FileFormat format,
            FileContent content,
            Instant capturedAt,
            Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.placement = Objects.requireNonNull(placement, "placement");
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.key = Objects.requireNonNull(key, "key");
        this.format = Objects.requireNonNull(format, "format");
        this.content = Objects.requireNonNull(content, "content");
        this.capturedAt = capturedAt;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Records a file of an album. Only a VERIFIED stored object of the album's family may back it. */
    public static MediaFile record(
            Placement placement, FileName fileName, StoredObject object, Instant capturedAt, Instant now) {
        if (!object.isVerified()) {
            throw new IllegalStateException("a media file needs a VERIFIED stored object, got " + object.status());
        }
        if (!object.familyId().equals(placement.familyId())) {
            throw new IllegalArgumentException("a media file needs a stored object of its own family");
        }
        return new MediaFile(
                MediaFileId.newId(),
                placement,
                fileName,
                object.key(),
                object.format(),
                object.content(),
                capturedAt,
                now);
    }

    public static MediaFile reconstitute(
            MediaFileId id,
            Placement placement,
            FileName fileName,
            ObjectKey key,
            FileFormat format,
            FileContent content,
            Instant capturedAt,
            Instant createdAt) {
        return new MediaFile(id, placement, fileName, key, format, content, capturedAt, createdAt);
    }

    public MediaFileId id() {
        return id;
    }

    public Placement placement() {
        return placement;
    }

    public AlbumId albumId() {
        return placement.albumId();
    }

    public FamilyId familyId() {
        return placement.familyId();
    }

    public UserId creatorId() {
        return placement.creatorId();
    }

    public FileName fileName() {
        return fileName;
    }

    public ObjectKey key() {
        return key;
    }

    public FileFormat format() {
        return format;
    }

    public MediaType mediaType() {
        return format.mediaType();
    }

    public FileContent content() {
        return content;
    }

    public Optional<Instant> capturedAt() {
        return Optional.ofNullable(capturedAt);
    }

    public Instant createdAt() {
        return createdAt;
    }
}
