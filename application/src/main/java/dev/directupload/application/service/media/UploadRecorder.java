package dev.directupload.application.service.media;

/**
 * The one path from "bytes are in storage" to "a photo is recorded", taken by {@code complete}, the sweeper
 * and the article-compatible {@code POST /photos}: check the object against what the caller expects, remove
 * refused bytes unless a record vouches for them, record the photo in one transaction.
 */
public final class UploadRecorder {

    private final StoredBytesVerifier verifier;
    private final PhotoWriter writer;
    private final ObjectJanitor janitor;

    public UploadRecorder(StoredBytesVerifier verifier, PhotoWriter writer, ObjectJanitor janitor) {
        this.verifier = verifier;
        this.writer = writer;
        this.janitor = janitor;
    }

    public RecordingOutcome record(ExpectedObject expected) {
        StoredBytesVerifier.BytesCheck check = verifier.check(expected);
        if (check instanceof StoredBytesVerifier.Failed failed) {
            if (failed.outcome() instanceof RecordingOutcome.Refused) {
                janitor.deleteUnlessReferenced(expected.key());
            }
            return failed.outcome();
        }
        RecordingOutcome.Recorded recorded = writer.record(expected, (StoredBytesVerifier.Passed) check);
        if (!recorded.photo().key().equals(expected.key())) {
            // the family already had these bytes under another key: the photo uses that one
            janitor.deleteUnlessReferenced(expected.key());
        }
        return recorded;
    }
}
