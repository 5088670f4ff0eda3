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
    private final AlbumId albumId;
    private final FamilyId familyId;
    private final UserId creatorId;
    private final FileName fileName;
    private final ObjectKey key;
    private final FileFormat format;
    private final ByteSize size;
    private final ContentHash hash;
    private final Instant capturedAt;
    private final Instant createdAt;

    private MediaFile(
            MediaFileId id,
            AlbumId albumId,
            FamilyId familyId,
            UserId creatorId,
            FileName fileName,
            ObjectKey key,
            FileFormat format,
            ByteSize size,
            ContentHash hash,
            Instant capturedAt,
            Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.albumId = Objects.requireNonNull(albumId, "albumId");
        this.familyId = Objects.requireNonNull(familyId, "familyId");
        this.creatorId = Objects.requireNonNull(creatorId, "creatorId");
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.key = Objects.requireNonNull(key, "key");
        this.format = Objects.requireNonNull(format, "format");
        this.size = Objects.requireNonNull(size, "size");
        this.hash = Objects.requireNonNull(hash, "hash");
        this.capturedAt = capturedAt;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * Records a file of an album. Only a VERIFIED stored object of the album's family may back it.
     */
    public static MediaFile record(
            AlbumId albumId,
            UserId creatorId,
            FileName fileName,
            StoredObject object,
            Instant capturedAt,
            Instant now) {
        if (!object.isVerified()) {
            throw new IllegalStateException("a media file needs a VERIFIED stored object, got " + object.status());
        }
        return new MediaFile(
                MediaFileId.newId(),
                albumId,
                object.familyId(),
                creatorId,
                fileName,
                object.key(),
                object.format(),
                object.size(),
                object.hash(),
                capturedAt,
                now);
    }

    public static MediaFile reconstitute(
            MediaFileId id,
            AlbumId albumId,
            FamilyId familyId,
            UserId creatorId,
            FileName fileName,
            ObjectKey key,
            FileFormat format,
            ByteSize size,
            ContentHash hash,
            Instant capturedAt,
            Instant createdAt) {
        return new MediaFile(
                id, albumId, familyId, creatorId, fileName, key, format, size, hash, capturedAt, createdAt);
    }

    public MediaFileId id() {
        return id;
    }

    public AlbumId albumId() {
        return albumId;
    }

    public FamilyId familyId() {
        return familyId;
    }

    public UserId creatorId() {
        return creatorId;
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

    public ByteSize size() {
        return size;
    }

    public ContentHash hash() {
        return hash;
    }

    public Optional<Instant> capturedAt() {
        return Optional.ofNullable(capturedAt);
    }

    public Instant createdAt() {
        return createdAt;
    }
}
