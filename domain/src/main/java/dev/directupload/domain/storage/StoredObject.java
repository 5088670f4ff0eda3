package dev.directupload.domain.storage;

import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.shared.ConflictException;
import dev.directupload.domain.shared.ErrorCode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The bytes of one file in one family's storage. Its identity is (family, content): one stored object
 * per identity, enforced by a unique constraint wherever it is persisted.
 */
public final class StoredObject {

    private final FamilyId familyId;
    private final FileContent content;
    private final ObjectKey key;
    private final FileFormat format;
    private final StoredObjectStatus status;
    private final Instant createdAt;
    private final Instant verifiedAt;

    private StoredObject(
            FamilyId familyId,
            FileContent content,
            ObjectKey key,
            FileFormat format,
            StoredObjectStatus status,
            Instant createdAt,
            Instant verifiedAt) {
        this.familyId = Objects.requireNonNull(familyId, "familyId");
        this.content = Objects.requireNonNull(content, "content");
        this.key = Objects.requireNonNull(key, "key");
        this.format = Objects.requireNonNull(format, "format");
        this.status = Objects.requireNonNull(status, "status");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        if ((status == StoredObjectStatus.VERIFIED) != (verifiedAt != null)) {
            throw new IllegalArgumentException("verifiedAt is set exactly when the object is VERIFIED");
        }
        this.verifiedAt = verifiedAt;
    }

    /** An object whose size and MD5 were just read back from storage and match. */
    public static StoredObject verified(
            FamilyId familyId, FileContent content, ObjectKey key, FileFormat format, Instant now) {
        return new StoredObject(familyId, content, key, format, StoredObjectStatus.VERIFIED, now, now);
    }

    public static StoredObject uploaded(
            FamilyId familyId, FileContent content, ObjectKey key, FileFormat format, Instant now) {
        return new StoredObject(familyId, content, key, format, StoredObjectStatus.UPLOADED, now, null);
    }

    public static StoredObject reconstitute(
            FamilyId familyId,
            FileContent content,
            ObjectKey key,
            FileFormat format,
            StoredObjectStatus status,
            Instant createdAt,
            Instant verifiedAt) {
        return new StoredObject(familyId, content, key, format, status, createdAt, verifiedAt);
    }

    /** UPLOADED → VERIFIED once storage confirmed the content; verifying twice keeps the first time. */
    public StoredObject verify(FileContent observed, Instant now) {
        if (!content.equals(observed)) {
            throw new ConflictException(
                    ErrorCode.UPLOAD_VERIFICATION_FAILED,
                    "stored object does not match: expected " + content + ", storage has " + observed);
        }
        if (status == StoredObjectStatus.VERIFIED) {
            return this;
        }
        return new StoredObject(familyId, content, key, format, StoredObjectStatus.VERIFIED, createdAt, now);
    }

    public boolean isVerified() {
        return status == StoredObjectStatus.VERIFIED;
    }

    public FamilyId familyId() {
        return familyId;
    }

    public FileContent content() {
        return content;
    }

    public ObjectKey key() {
        return key;
    }

    public FileFormat format() {
        return format;
    }

    public StoredObjectStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> verifiedAt() {
        return Optional.ofNullable(verifiedAt);
    }
}
