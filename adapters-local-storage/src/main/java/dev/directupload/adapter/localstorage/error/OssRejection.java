package dev.directupload.adapter.localstorage.error;

/** A request the local store refuses, answered as OSS's XML error with the error's status. */
public final class OssRejection extends RuntimeException {

    private final OssError error;

    OssRejection(OssError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public OssError error() {
        return error;
    }
}
