package dev.directupload.domain.upload;

import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.media.FileName;
import dev.directupload.domain.media.MediaType;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What may be uploaded and for how long a signed form lives: size limits per media type, the type
 * allow-list, and a policy TTL of at most 15 minutes that never outlives the signing credentials.
 */
public record UploadPolicyRules(
        ByteSize maxImageSize, ByteSize maxVideoSize, Set<FileFormat> allowedFormats, Duration policyTtl) {

    public static final Duration MAX_POLICY_TTL = Duration.ofMinutes(15);

    public UploadPolicyRules {
        Objects.requireNonNull(maxImageSize, "maxImageSize");
        Objects.requireNonNull(maxVideoSize, "maxVideoSize");
        Objects.requireNonNull(policyTtl, "policyTtl");
        if (maxImageSize.isZero() || maxVideoSize.isZero()) {
            throw new IllegalArgumentException("upload size limits must be positive");
        }
        if (allowedFormats == null || allowedFormats.isEmpty()) {
            throw new IllegalArgumentException("allowed types must name at least one type");
        }
        allowedFormats = Set.copyOf(allowedFormats);
        requireValidTtl(policyTtl);
    }

    /** Defaults: images up to 50 MiB, videos up to 1 GiB, every known format, 10-minute forms. */
    public static UploadPolicyRules defaults() {
        return new UploadPolicyRules(
                ByteSize.ofMegabytes(50),
                ByteSize.ofMegabytes(1024),
                EnumSet.allOf(FileFormat.class),
                Duration.ofMinutes(10));
    }

    /** A policy TTL is positive and at most 15 minutes. */
    public static void requireValidTtl(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_POLICY_TTL) > 0) {
            throw new IllegalArgumentException("upload.policy-ttl must be > 0 and <= 15 minutes, was " + ttl);
        }
    }

    /**
     * Admits one declared file: a known, allowed type whose extension matches the name, 1 byte up to the
     * media type's limit.
     *
     * @throws InvalidValueException {@code type_not_allowed}, {@code invalid_size} or {@code file_too_large}
     */
    public FileFormat admit(String contentType, FileName name, ByteSize size) {
        FileFormat format = FileFormat.of(contentType, name);
        if (!allowedFormats.contains(format)) {
            throw new InvalidValueException(
                    ErrorCode.TYPE_NOT_ALLOWED, "type " + format.contentType() + " is not allowed");
        }
        if (size.isZero()) {
            throw new InvalidValueException(ErrorCode.INVALID_SIZE, "size must be at least 1 byte");
        }
        ByteSize limit = maxSizeOf(format.mediaType());
        if (size.exceeds(limit)) {
            throw new InvalidValueException(
                    ErrorCode.FILE_TOO_LARGE,
                    "size " + size.bytes() + " exceeds the "
                            + format.mediaType().wireName() + " limit of " + limit.bytes() + " bytes");
        }
        return format;
    }

    public ByteSize maxSizeOf(MediaType type) {
        return type == MediaType.IMAGE ? maxImageSize : maxVideoSize;
    }

    /** The largest size any allowed type may have: the upper bound of prefix policies. */
    public ByteSize largestAllowedSize() {
        return maxImageSize.compareTo(maxVideoSize) >= 0 ? maxImageSize : maxVideoSize;
    }

    /**
     * When a form signed at {@code now} expires: {@code now + policyTtl}, but never after the credentials.
     *
     * @throws IllegalStateException if the credentials are already expired
     */
    public Instant policyExpiry(Instant now, Instant credentialsExpireAt) {
        return expiryWithin(now, policyTtl, credentialsExpireAt);
    }

    /** The expiry rule on its own, for adapters that receive a TTL: min(now + ttl, credentials' expiry). */
    public static Instant expiryWithin(Instant now, Duration ttl, Instant credentialsExpireAt) {
        requireValidTtl(ttl);
        if (!credentialsExpireAt.isAfter(now)) {
            throw new IllegalStateException("signing credentials expired at " + credentialsExpireAt);
        }
        Instant wanted = now.plus(ttl);
        return wanted.isAfter(credentialsExpireAt) ? credentialsExpireAt : wanted;
    }
}
