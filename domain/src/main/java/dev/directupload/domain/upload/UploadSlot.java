package dev.directupload.domain.upload;

import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.media.FileName;
import dev.directupload.domain.media.MediaFileId;
import dev.directupload.domain.media.Placement;
import dev.directupload.domain.storage.ObjectKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A pending direct upload: the exact key, what the client declared, and until when the form is valid. */
public final class UploadSlot {

    private final UploadId id;
    private final Placement placement;
    private final ObjectKey key;
    private final FileName fileName;
    private final FileFormat format;
    private final FileContent content;
    private final Instant capturedAt;
    private final Instant createdAt;
    private final Instant expiresAt;
    private final UploadSlotStatus status;
    private final MediaFileId mediaFileId;

    private UploadSlot(
            UploadId id,
            Placement placement,
            ObjectKey key,
            FileName fileName,
            FileFormat format,
            FileContent content,
            Instant capturedAt,
            Instant createdAt,
            Instant expiresAt,
            UploadSlotStatus status,
            MediaFileId mediaFileId) {
        this.id = Objects.requireNonNull(id, "id");
        this.placement = Objects.requireNonNull(placement, "placement");
        this.key = Objects.requireNonNull(key, "key");
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.format = Objects.requireNonNull(format, "format");
        this.content = Objects.requireNonNull(content, "content");
        this.capturedAt = capturedAt;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.status = Objects.requireNonNull(status, "status");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("an upload slot must expire after it is created");
        }
        if ((status == UploadSlotStatus.COMPLETED) != (mediaFileId != null)) {
            throw new IllegalArgumentException("mediaFileId is set exactly when the slot is COMPLETED");
        }
        this.mediaFileId = mediaFileId;
    }

    public static UploadSlot open(
            Placement placement,
            ObjectKey key,
            FileName fileName,
            FileFormat format,
            FileContent content,
            Instant capturedAt,
            Instant now,
            Instant expiresAt) {
        return open(UploadId.newId(), placement, key, fileName, format, content, capturedAt, now, expiresAt);
    }

    /** A new PENDING slot with an id chosen beforehand (its upload key may be named after it). */
    public static UploadSlot open(
            UploadId id,
            Placement placement,
            ObjectKey key,
            FileName fileName,
            FileFormat format,
            FileContent content,
            Instant capturedAt,
            Instant now,
            Instant expiresAt) {
        return new UploadSlot(
                id,
                placement,
                key,
                fileName,
                format,
                content,
                capturedAt,
                now,
                expiresAt,
                UploadSlotStatus.PENDING,
                null);
    }

    public static UploadSlot reconstitute(
            UploadId id,
            Placement placement,
            ObjectKey key,
            FileName fileName,
            FileFormat format,
            FileContent content,
            Instant capturedAt,
            Instant createdAt,
            Instant expiresAt,
            UploadSlotStatus status,
            MediaFileId mediaFileId) {
        return new UploadSlot(
                id, placement, key, fileName, format, content, capturedAt, createdAt, expiresAt, status, mediaFileId);
    }

    /**
     * PENDING → COMPLETED with the photo it produced; also EXPIRED → COMPLETED, when the bytes of a slow upload that
     * started in time arrive and verify after the slot expired (nothing a user uploaded is lost).
     */
    public UploadSlot complete(MediaFileId photo) {
        if (status == UploadSlotStatus.COMPLETED) {
            return this;
        }
        return withStatus(UploadSlotStatus.COMPLETED, photo);
    }

    /** PENDING → EXPIRED once the form can no longer be used and no object arrived. */
    public UploadSlot expire(Instant now) {
        if (status != UploadSlotStatus.PENDING || !isPastExpiry(now)) {
            throw new IllegalStateException("only a PENDING slot past its expiry can expire");
        }
        return withStatus(UploadSlotStatus.EXPIRED, null);
    }

    /** PENDING → EXPIRED at once: the slot was given up before any form was handed out. */
    public UploadSlot abandon() {
        if (status != UploadSlotStatus.PENDING) {
            throw new IllegalStateException("only a PENDING slot can be abandoned");
        }
        return withStatus(UploadSlotStatus.EXPIRED, null);
    }

    public boolean isPastExpiry(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public boolean isCreatedBy(UserId user) {
        return placement.creatorId().equals(user);
    }

    private UploadSlot withStatus(UploadSlotStatus newStatus, MediaFileId photo) {
        return new UploadSlot(
                id, placement, key, fileName, format, content, capturedAt, createdAt, expiresAt, newStatus, photo);
    }

    public UploadId id() {
        return id;
    }

    public Placement placement() {
        return placement;
    }

    public FamilyId familyId() {
        return placement.familyId();
    }

    public AlbumId albumId() {
        return placement.albumId();
    }

    public UserId creatorId() {
        return placement.creatorId();
    }

    public ObjectKey key() {
        return key;
    }

    public FileName fileName() {
        return fileName;
    }

    public FileFormat format() {
        return format;
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

    public Instant expiresAt() {
        return expiresAt;
    }

    public UploadSlotStatus status() {
        return status;
    }

    public Optional<MediaFileId> mediaFileId() {
        return Optional.ofNullable(mediaFileId);
    }
}
