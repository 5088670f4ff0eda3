package dev.directupload.domain.shared;

import java.util.UUID;

/** The one rule every opaque id follows: a short ASCII token, safe in URLs, keys and SQL. */
public final class Identifiers {

    private static final int MAX_LENGTH = 64;

    private Identifiers() {}

    /** Returns {@code value} unchanged when it is a valid id, else throws naming {@code field}. */
    public static String require(String field, String value) {
        if (!isToken(value)) {
            throw new InvalidValueException(
                    ErrorCode.INVALID_ID, field + " must be 1-64 characters of letters, digits, '_' or '-'");
        }
        return value;
    }

    /**
     * {@code [A-Za-z0-9_-]{1,64}}, checked character by character: every authenticated request checks a few ids, and
     * a regular expression cost ~7 % of the signature endpoint's request-thread CPU (issue 14 profile).
     */
    private static boolean isToken(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A new random id with the given prefix, e.g. {@code f_3b0c...}. */
    public static String random(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }
}
