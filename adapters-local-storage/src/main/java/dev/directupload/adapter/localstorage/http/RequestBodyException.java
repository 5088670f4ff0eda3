package dev.directupload.adapter.localstorage.http;

import java.io.IOException;

/** Reading the request body failed on the client's side: it went silent for too long, or the connection broke. */
final class RequestBodyException extends IOException {

    /** Why the body could not be read. */
    enum Kind {
        TIMEOUT,
        BROKEN
    }

    private final Kind kind;

    RequestBodyException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
