package dev.directupload.application.port.in.compat;

import dev.directupload.application.port.in.photo.Photo;
import dev.directupload.domain.shared.ErrorCode;

/** The answer for one item of {@code POST /photos}, by its index in the request. */
public sealed interface RecordedPhoto {

    int index();

    /** Checked against storage and recorded now. */
    record Created(int index, Photo photo) implements RecordedPhoto {}

    /** The album already holds this photo (the same batch sent again): the recorded photo, unchanged. */
    record Duplicate(int index, Photo photo) implements RecordedPhoto {}

    /** This item alone was refused; nothing was recorded for it. */
    record Rejected(int index, ErrorCode code, String message) implements RecordedPhoto {}
}
