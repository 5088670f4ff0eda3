package dev.directupload.application.port.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A signed form: the client posts every field, in this order, then the file as the last part named
 * {@code file}, to {@code url} as multipart/form-data.
 */
public record UploadForm(String url, Map<String, String> fields, Instant expiresAt) {

    public UploadForm {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(expiresAt, "expiresAt");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
