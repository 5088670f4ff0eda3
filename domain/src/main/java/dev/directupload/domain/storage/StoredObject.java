package dev.directupload.domain.storage;

import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.shared.ConflictException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The bytes of one file in one family's storage. Its identity is (family, md5, size): one stored object
 * per identity, enforced by a unique constraint wherever it is persisted.
 */
public final class StoredObject {

    private final FamilyId familyId;
    private final ContentHash hash;
    private final ByteSize size;
    private final ObjectKey key;
    private final FileFormat format;
    private final StoredObjectStatus status;
    private final Instant createdAt;
    private final Instant verifiedAt;

    private StoredObject(
            FamilyId familyId,
            ContentHash hash,
            ByteSize size,
            ObjectKey key,
            FileFormat format,
            StoredObjectStatus status,
            Instant createdAt,
            Instant verifiedAt) {
        this.familyId = Objects.requireNonNull(familyId, "familyId");
        this.hash = Objects.requireNonNull(hash, "hash");
        this.size = Objects.requireNonNull(size, "size");
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
            FamilyId familyId, ContentHash hash, ByteSize size, ObjectKey key, FileFormat format, Instant now) {
        return new StoredObject(familyId, hash, size, key, format, StoredObjectStatus.VERIFIED, now, now);
    }

    public static StoredObject uploaded(
            FamilyId familyId, ContentHash hash, ByteSize size, ObjectKey key, FileFormat format, Instant now) {
        return new StoredObject(familyId, hash, size, key, format, StoredObjectStatus.UPLOADED, now, null);
    }

    public static StoredObject reconstitute(
            FamilyId familyId,
            ContentHash hash,
            ByteSize size,
            ObjectKey key,
            FileFormat format,
            StoredObjectStatus status,
            Instant createdAt,
            Instant verifiedAt) {
        return new StoredObject(familyId, hash, size, key, format, status, createdAt, verifiedAt);
    }

    /** UPLOADED → VERIFIED once storage confirmed the size and MD5; verifying twice keeps the first time. */
    public StoredObject verify(ByteSize observedSize, ContentHash observedHash, Instant now) {
        if (!size.equals(observedSize) || !hash.equals(observedHash)) {
            throw new ConflictException(
                    "upload_verification_failed",
                    "stored object does not match: expected " + size + " / " + hash + ", storage has " + observedSize
                            + " / " + observedHash);
        }
        if (status == StoredObjectStatus.VERIFIED) {
            return this;
        }
        return new StoredObject(familyId, hash, size, key, format, StoredObjectStatus.VERIFIED, createdAt, now);
    }

    public boolean isVerified() {
        return status == StoredObjectStatus.VERIFIED;
    }

    public boolean sameContentAs(ContentHash otherHash, ByteSize otherSize) {
        return hash.equals(otherHash) && size.equals(otherSize);
    }

    public FamilyId familyId() {
        return familyId;
    }

    public ContentHash hash() {
        return hash;
    }

    public ByteSize size() {
        return size;
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
