package dev.directupload.application.service.media;

import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.shared.ErrorCode;
import java.util.Objects;

/** How checking an expected object against storage ended. */
public sealed interface RecordingOutcome {

    /**
     * The bytes are the expected ones and the photo is recorded: now ({@code created}), or it already was (the
     * album's photo of this content, unchanged).
     */
    record Recorded(MediaFile photo, boolean created) implements RecordingOutcome {
        public Recorded {
            Objects.requireNonNull(photo, "photo");
        }
    }

    /** Nothing is stored at the key yet; the client may upload and try again. Nothing changed. */
    record Missing(String message) implements RecordingOutcome {}

    /** The stored bytes may not be recorded; they were removed unless a record still vouches for them. */
    record Refused(ErrorCode code, String message) implements RecordingOutcome {}
}
