package dev.directupload.application.service.media;

import dev.directupload.application.port.out.media.LoadStoredObjectsPort;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.ObjectMetadata;
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.storage.StoredObject;
import dev.directupload.domain.upload.UploadPolicyRules;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads an expected object back from storage and decides whether its bytes may be recorded: they must be
 * there, be the claimed content, have an allowed type within its size limit, and not clash with another
 * size of the same MD5 in the family. Changes nothing.
 */
public final class StoredBytesVerifier {

    private final InspectObjectPort inspector;
    private final LoadStoredObjectsPort storedObjects;
    private final UploadPolicyRules rules;

    public StoredBytesVerifier(
            InspectObjectPort inspector, LoadStoredObjectsPort storedObjects, UploadPolicyRules rules) {
        this.inspector = inspector;
        this.storedObjects = storedObjects;
        this.rules = rules;
    }

    /** How the stored bytes fared. */
    public sealed interface BytesCheck {}

    /**
     * The bytes may be recorded: this content, in this format; {@code known} is the family's stored object of this
     * content when it has one already (the photo then points at it).
     */
    public record Passed(FileContent content, FileFormat format, Optional<StoredObject> known) implements BytesCheck {
        public Passed {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(known, "known");
        }
    }

    /** The bytes are missing or may not be recorded. */
    public record Failed(RecordingOutcome outcome) implements BytesCheck {}

    public BytesCheck check(ExpectedObject expected) {
        Optional<ObjectMetadata> found = inspector.inspect(expected.key());
        if (found.isEmpty()) {
            return new Failed(
                    new RecordingOutcome.Missing("no object at " + expected.key() + " yet; upload it, then try again"));
        }
        ObjectMetadata stored = found.get();
        Optional<FileContent> content = stored.content();
        if (content.isEmpty() || !expected.claim().isMetBy(content.get())) {
            return refused(
                    ErrorCode.UPLOAD_VERIFICATION_FAILED,
                    "stored object has " + stored.size().bytes() + " bytes and md5 "
                            + stored.md5().map(Object::toString).orElse("unknown") + "; expected "
                            + expected.claim());
        }
        FileFormat format =
                stored.contentType().flatMap(FileFormat::ofContentType).orElse(null);
        if (format == null || !expected.formats().contains(format)) {
            return refused(
                    ErrorCode.TYPE_NOT_ALLOWED,
                    "stored type " + stored.contentType().orElse("none") + " is not allowed here");
        }
        if (stored.size().isZero() || stored.size().exceeds(rules.maxSizeOf(format.mediaType()))) {
            return refused(
                    ErrorCode.FILE_TOO_LARGE,
                    "stored object has " + stored.size().bytes() + " bytes, outside the "
                            + format.mediaType().wireName() + " limit");
        }
        List<StoredObject> sameMd5 = storedObjects.findByHashes(
                expected.placement().familyId(), List.of(content.get().md5()));
        if (sameMd5.stream().anyMatch(o -> o.content().conflictsWith(content.get()))) {
            return refused(
                    ErrorCode.HASH_CONFLICT,
                    "this family stores md5 " + content.get().md5() + " with another size");
        }
        return new Passed(
                content.get(),
                format,
                sameMd5.stream()
                        .filter(o -> o.content().equals(content.get()) && o.isVerified())
                        .findFirst());
    }

    /**
     * True when storage holds exactly {@code content} at {@code key}: a verified record of it there says so (its
     * bytes cannot go while the caller holds the key's lock), else storage is asked.
     */
    public boolean holds(ObjectKey key, FileContent content) {
        boolean recorded = storedObjects
                .findByKey(key)
                .filter(o -> o.isVerified() && o.content().equals(content))
                .isPresent();
        return recorded
                || inspector.inspect(key).map(stored -> stored.holds(content)).orElse(false);
    }

    private static Failed refused(ErrorCode code, String message) {
        return new Failed(new RecordingOutcome.Refused(code, message));
    }
}
