package dev.directupload.application.port.out.storage;

import java.util.Objects;

/** Where a listing stopped: the last key it looked at (the next page starts after it). Opaque to the application. */
public record ListingCursor(String afterKey) {

    public ListingCursor {
        Objects.requireNonNull(afterKey, "afterKey");
        if (afterKey.isEmpty()) {
            throw new IllegalArgumentException("listing cursor afterKey must not be empty");
        }
    }
}
