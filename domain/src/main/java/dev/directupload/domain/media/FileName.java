package dev.directupload.domain.media;

import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;
import java.util.Locale;
import java.util.Optional;

/** The name a user gave a file: display only, never a path. 1-255 characters, no separators or controls. */
public record FileName(String value) {

    private static final int MAX_LENGTH = 255;

    public FileName {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(ErrorCode.INVALID_NAME, "file name must not be blank");
        }
        value = value.strip();
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValueException(ErrorCode.INVALID_NAME, "file name must be at most 255 characters");
        }
        if (value.chars().anyMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c))) {
            throw new InvalidValueException(
                    ErrorCode.INVALID_NAME, "file name must not contain '/', '\\' or control characters");
        }
    }

    /** The lower-case text after the last dot, if there is one and it is not the whole name. */
    public Optional<String> extension() {
        int dot = value.lastIndexOf('.');
        if (dot <= 0 || dot == value.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(value.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}
