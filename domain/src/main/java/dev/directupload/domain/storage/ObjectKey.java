package dev.directupload.domain.storage;

import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;
import java.nio.charset.StandardCharsets;

/**
 * A bucket-relative object key, valid as OSS requires (1-1023 UTF-8 bytes, no leading '/', no '\') and
 * safe on any file system: no control characters, no empty, '.' or '..' segments.
 */
public record ObjectKey(String value) {

    public static final int MAX_BYTES = 1023;

    public ObjectKey {
        KeyRules.check("key", value, false);
    }

    /** The content-addressed key of a file in a family: {@code families/{id}/objects/{md5[0:2]}/{md5}.{ext}}. */
    public static ObjectKey forContent(FamilyId family, ContentHash hash, FileFormat format) {
        return new ObjectKey("families/" + family.value() + "/objects/" + hash.shard() + "/" + hash.md5() + "."
                + format.canonicalExtension());
    }

    /**
     * A slot-unique key for a store whose forms cannot forbid overwriting: {@code families/{id}/staging/{token}.{ext}}.
     * Verified bytes are copied from here to their content key, which no form ever names.
     */
    public static ObjectKey forStaging(FamilyId family, String token, FileFormat format) {
        return new ObjectKey(KeyPrefix.staging(family).value() + token + "." + format.canonicalExtension());
    }

    /**
     * True for keys clients write freely (a member's incoming prefix, staging keys); false for the content-addressed
     * area, where only exact per-file forms that cannot overwrite and the service's own copies write.
     */
    public boolean isClientWritable() {
        String[] parts = value.split("/", 4);
        return parts.length == 4
                && parts[0].equals("families")
                && (parts[2].equals("incoming") || parts[2].equals("staging"));
    }

    public boolean startsWith(KeyPrefix prefix) {
        return value.startsWith(prefix.value());
    }

    @Override
    public String toString() {
        return value;
    }

    /** The shared syntax rules of keys and key prefixes. */
    static final class KeyRules {

        private KeyRules() {}

        static void check(String field, String value, boolean prefix) {
            if (value == null || value.isEmpty()) {
                throw invalid(field + " must not be empty");
            }
            if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
                throw invalid(field + " must be at most 1023 UTF-8 bytes");
            }
            if (value.startsWith("/")) {
                throw invalid(field + " must not start with '/'");
            }
            if (value.indexOf('\\') >= 0) {
                throw invalid(field + " must not contain '\\'");
            }
            if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
                throw invalid(field + " must not contain control characters");
            }
            String body = prefix ? value.substring(0, value.length() - 1) : value;
            if (prefix && !value.endsWith("/")) {
                throw invalid(field + " must end with '/'");
            }
            for (String segment : body.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw invalid(field + " must not contain empty, '.' or '..' segments");
                }
            }
        }

        private static InvalidValueException invalid(String message) {
            return new InvalidValueException(ErrorCode.INVALID_OBJECT_KEY, message);
        }
    }
}
