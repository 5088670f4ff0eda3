package dev.directupload.domain.shared;

import java.util.UUID;
import java.util.regex.Pattern;

/** The one rule every opaque id follows: a short ASCII token, safe in URLs, keys and SQL. */
public final class Identifiers {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Identifiers() {}

    /** Returns {@code value} unchanged when it is a valid id, else throws naming {@code field}. */
    public static String require(String field, String value) {
        if (value == null || !TOKEN.matcher(value).matches()) {
            throw new InvalidValueException(
                    ErrorCode.INVALID_ID, field + " must be 1-64 characters of letters, digits, '_' or '-'");
        }
        return value;
    }

    /** A new random id with the given prefix, e.g. {@code f_3b0c...}. */
    public static String random(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }
}
