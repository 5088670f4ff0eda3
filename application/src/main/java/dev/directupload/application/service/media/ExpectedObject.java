package dev.directupload.application.service.media;

import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.media.FileName;
import dev.directupload.domain.media.Placement;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.upload.UploadSlot;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The object a caller expects in storage, and the photo to record for it once checked.
 *
 * @param key where the client wrote the bytes
 * @param claim what the client says the bytes are
 * @param formats the stored content types that may be recorded
 * @param placement the album, family and member the photo is recorded for
 * @param slot the upload slot to complete with the photo, for per-file uploads
 */
public record ExpectedObject(
        ObjectKey key,
        ContentClaim claim,
        Set<FileFormat> formats,
        Placement placement,
        FileName fileName,
        Optional<Instant> capturedAt,
        Optional<UploadSlot> slot) {

    public ExpectedObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(claim, "claim");
        formats = Set.copyOf(formats);
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(capturedAt, "capturedAt");
        Objects.requireNonNull(slot, "slot");
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("an expected object needs at least one allowed format");
        }
    }

    /** What a per-file slot declared: its exact content, its one format, its placement. */
    public static ExpectedObject ofSlot(UploadSlot slot) {
        return new ExpectedObject(
                slot.key(),
                new ContentClaim.Exact(slot.content()),
                Set.of(slot.format()),
                slot.placement(),
                slot.fileName(),
                slot.capturedAt(),
                Optional.of(slot));
    }

    /** An object an article-style client wrote under its prefix. */
    public static ExpectedObject ofPrefixUpload(
            ObjectKey key, ContentClaim claim, Set<FileFormat> formats, Placement placement, FileName fileName) {
        return new ExpectedObject(key, claim, formats, placement, fileName, Optional.empty(), Optional.empty());
    }
}
