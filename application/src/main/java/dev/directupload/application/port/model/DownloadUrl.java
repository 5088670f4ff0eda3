package dev.directupload.application.port.model;

import java.time.Instant;
import java.util.Objects;

/** A time-limited URL that lets anyone holding it GET one private object. */
public record DownloadUrl(String url, Instant expiresAt) {

    public DownloadUrl {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
