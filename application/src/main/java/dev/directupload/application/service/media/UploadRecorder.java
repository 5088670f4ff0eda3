package dev.directupload.application.service.media;

import dev.directupload.application.port.out.TransactionPort;
import dev.directupload.application.port.out.media.ObjectKeyGuardPort;
import dev.directupload.application.port.out.storage.CopyObjectPort;
import dev.directupload.application.port.out.storage.ObjectMetadata;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.storage.StoredObject;
import java.util.Optional;

/**
 * The one path from "bytes are in storage" to "a photo is recorded", taken by {@code complete}, the sweeper
 * and the article-compatible {@code POST /photos}:
 * <ol>
 *   <li>check the object at the upload key against what the caller expects (refused bytes are removed unless a
 *       record or another pending upload still vouches for them);
 *   <li>promote the bytes to the family's content key when they were written elsewhere (a prefix or staging
 *       key a form may write again): a server-side copy to a key no form can overwrite;
 *   <li>under the content key's lock, confirm storage holds the content there and record the stored object, the
 *       photo and the slot's completion in one transaction;
 *   <li>remove the upload key's bytes once the photo points at the content key.
 * </ol>
 * A recorded photo therefore never references a key that any signed form, expired or not, can write.
 */
public final class UploadRecorder {

    /** Promotions retried when a concurrent delete removed the content key between copy and record. */
    private static final int ATTEMPTS = 3;

    private final StoredBytesVerifier verifier;
    private final CopyObjectPort copier;
    private final PhotoWriter writer;
    private final ObjectJanitor janitor;
    private final ObjectKeyGuardPort guard;
    private final TransactionPort transactions;

    public UploadRecorder(
            StoredBytesVerifier verifier,
            CopyObjectPort copier,
            PhotoWriter writer,
            ObjectJanitor janitor,
            ObjectKeyGuardPort guard,
            TransactionPort transactions) {
        this.verifier = verifier;
        this.copier = copier;
        this.writer = writer;
        this.janitor = janitor;
        this.guard = guard;
        this.transactions = transactions;
    }

    public RecordingOutcome record(ExpectedObject expected) {
        StoredBytesVerifier.BytesCheck check = verifier.check(expected);
        if (check instanceof StoredBytesVerifier.Failed failed) {
            if (failed.outcome() instanceof RecordingOutcome.Refused) {
                janitor.deleteUnlessReferenced(expected.key(), expected.slot().map(s -> s.id()));
            }
            return failed.outcome();
        }
        StoredBytesVerifier.Passed bytes = (StoredBytesVerifier.Passed) check;
        ObjectKey contentKey = bytes.known()
                .map(StoredObject::key)
                .orElseGet(() -> ObjectKey.forContent(
                        expected.placement().familyId(), bytes.content().md5(), bytes.format()));
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<RecordingOutcome> promoted = promote(expected, bytes, contentKey);
            if (promoted.isPresent()) {
                return promoted.get();
            }
            Optional<RecordingOutcome.Recorded> recorded = transactions.inTransaction(() -> {
                guard.lock(contentKey);
                if (!verifier.holds(contentKey, bytes.content())) {
                    return Optional.empty();
                }
                return Optional.of(writer.write(expected, bytes, contentKey));
            });
            if (recorded.isPresent()) {
                if (!recorded.get().photo().key().equals(expected.key())) {
                    janitor.deleteUnlessReferenced(
                            expected.key(), expected.slot().map(s -> s.id()));
                }
                return recorded.get();
            }
        }
        return new RecordingOutcome.Missing(
                "the bytes at " + contentKey + " were removed while recording them; upload again");
    }

    /**
     * Copies the verified bytes to their content key unless they are there already; an outcome when that fails.
     */
    private Optional<RecordingOutcome> promote(
            ExpectedObject expected, StoredBytesVerifier.Passed bytes, ObjectKey contentKey) {
        if (contentKey.equals(expected.key()) || bytes.known().isPresent()) {
            return Optional.empty();
        }
        Optional<ObjectMetadata> copied = copier.copy(expected.key(), contentKey);
        if (copied.isEmpty()) {
            return Optional.of(new RecordingOutcome.Missing(
                    "the object at " + expected.key() + " was removed before it could be recorded; upload it again"));
        }
        if (!copied.get().holds(bytes.content())) {
            // replaced between the check and the copy: nothing of it is recorded
            janitor.deleteUnlessReferenced(contentKey, Optional.empty());
            return Optional.of(new RecordingOutcome.Refused(
                    ErrorCode.UPLOAD_VERIFICATION_FAILED,
                    "the object at " + expected.key() + " changed while it was recorded; upload it again"));
        }
        return Optional.empty();
    }
}
