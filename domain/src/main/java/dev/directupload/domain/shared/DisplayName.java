package dev.directupload.domain.shared;

/** A family or album name: 1-100 characters after trimming, no control characters. */
public record DisplayName(String value) {

    public static final int MAX_LENGTH = 100;

    public DisplayName {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(ErrorCode.INVALID_NAME, "name must not be blank");
        }
        value = value.strip();
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new InvalidValueException(ErrorCode.INVALID_NAME, "name must be at most 100 characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException(ErrorCode.INVALID_NAME, "name must not contain control characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
