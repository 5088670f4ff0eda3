package dev.directupload.application.port.out.callback;

/** How one upload callback ended: a small, fixed set, fit to label a metric with. */
public enum CallbackOutcome {
    /** The photo was recorded by this callback. */
    RECORDED,
    /** The upload was recorded before ({@code complete}, the sweeper or an earlier callback): the same photo. */
    ALREADY_RECORDED,
    /** Signed and known, but the stored bytes could not be recorded (missing, refused, album gone...). */
    NOT_RECORDED,
    /** Unsigned, tampered, or signed with a key this service does not trust. */
    REFUSED_SIGNATURE,
    /** Signed, but its body is not a callback this service asked for (malformed, or another object). */
    REFUSED_INVALID,
    /** Signed, for an upload this service does not know. */
    REFUSED_UNKNOWN_UPLOAD,
    /** The trusted public key could not be fetched: nothing was decided. */
    KEY_UNAVAILABLE
}
