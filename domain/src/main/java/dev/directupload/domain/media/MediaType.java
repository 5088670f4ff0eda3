package dev.directupload.domain.media;

import java.util.Locale;

/** What kind of media a file is; decides its size limit. */
public enum MediaType {
    IMAGE,
    VIDEO;

    /** The wire name the original article's client uses ({@code image} / {@code video}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
