package dev.directupload.adapter.oss.upload;

import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.SizeRange;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the V4 POST policy document an upload form is signed with: its values, rendered to JSON once; the conditions come in the order of the shared known-answer vectors:
 * bucket, the V4 fields, the security token (STS), content-length-range, the key, content types, success status, and
 * forbid-overwrite when asked.
 *
 * @param signedAt the one instant of this signature (x-oss-date and the credential's scope date)
 * @param securityToken the STS token, or {@code null} for a static key
 * @param key the key condition; {@code null} only to exercise the safety check
 * @param size the content-length-range; {@code null} only to exercise the safety check
 * @param contentTypes the allowed Content-Type values in this order; empty pins none
 * @param forbidOverwrite true: {@code ["eq","$x-oss-forbid-overwrite","true"]}, so the form cannot replace an
 *     existing object (OSS answers 409 {@code FileAlreadyExists})
 * @param pinned further form fields the policy pins to exact values, {@code {"name":"value"}}, last and in this order
 *     (the upload callback and its custom variable)
 */
record PolicyDocumentWriter(
        String bucket,
        String region,
        String accessKeyId,
        String securityToken,
        Instant signedAt,
        Instant expiration,
        KeyCondition key,
        SizeRange size,
        List<String> contentTypes,
        boolean forbidOverwrite,
        Map<String, String> pinned) {

    static final String SIGNATURE_VERSION = "OSS4-HMAC-SHA256";
    static final String SUCCESS_STATUS = "200";
    static final String FORBID_OVERWRITE = "x-oss-forbid-overwrite";

    PolicyDocumentWriter {
        contentTypes = List.copyOf(contentTypes);
        pinned = pinned.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(pinned));
    }

    /** A policy that pins no further field. */
    PolicyDocumentWriter(
            String bucket,
            String region,
            String accessKeyId,
            String securityToken,
            Instant signedAt,
            Instant expiration,
            KeyCondition key,
            SizeRange size,
            List<String> contentTypes,
            boolean forbidOverwrite) {
        this(
                bucket,
                region,
                accessKeyId,
                securityToken,
                signedAt,
                expiration,
                key,
                size,
                contentTypes,
                forbidOverwrite,
                Map.of());
    }

    /** A policy that lets the form replace an existing object. */
    PolicyDocumentWriter(
            String bucket,
            String region,
            String accessKeyId,
            String securityToken,
            Instant signedAt,
            Instant expiration,
            KeyCondition key,
            SizeRange size,
            List<String> contentTypes) {
        this(bucket, region, accessKeyId, securityToken, signedAt, expiration, key, size, contentTypes, false);
    }

    /** {@code x-oss-date}: {@code yyyyMMdd'T'HHmmss'Z'} in UTC. */
    String date() {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(signedAt.getEpochSecond(), 0, ZoneOffset.UTC);
        StringBuilder date = new StringBuilder(16);
        digits(date, utc.getYear(), 4);
        digits(date, utc.getMonthValue(), 2);
        digits(date, utc.getDayOfMonth(), 2);
        digits(date.append('T'), utc.getHour(), 2);
        digits(date, utc.getMinute(), 2);
        digits(date, utc.getSecond(), 2);
        return date.append('Z').toString();
    }

    /** {@code x-oss-credential}: {@code <AccessKeyId>/<yyyymmdd>/<region>/oss/aliyun_v4_request}, plain region. */
    String credential() {
        return credential(date());
    }

    /** The credential for an already formatted {@link #date()}. */
    String credential(String date) {
        return accessKeyId + "/" + date.substring(0, 8) + "/" + region + "/oss/aliyun_v4_request";
    }

    /** {@code expiration}: {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} in UTC. */
    String expirationText() {
        LocalDateTime utc =
                LocalDateTime.ofEpochSecond(expiration.getEpochSecond(), expiration.getNano(), ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(24);
        digits(text, utc.getYear(), 4);
        digits(text.append('-'), utc.getMonthValue(), 2);
        digits(text.append('-'), utc.getDayOfMonth(), 2);
        digits(text.append('T'), utc.getHour(), 2);
        digits(text.append(':'), utc.getMinute(), 2);
        digits(text.append(':'), utc.getSecond(), 2);
        digits(text.append('.'), utc.getNano() / 1_000_000, 3);
        return text.append('Z').toString();
    }

    /** Appends {@code value} (0 .. 9999) zero-padded to {@code width} digits. */
    private static void digits(StringBuilder out, int value, int width) {
        for (int divisor = width == 4 ? 1000 : width == 3 ? 100 : 10; divisor > 0; divisor /= 10) {
            out.append((char) ('0' + value / divisor % 10));
        }
    }

    /** The compact policy JSON whose UTF-8 bytes are Base64-encoded and signed as they are. */
    String toJson() {
        String date = date();
        return toJson(date, credential(date));
    }

    /** {@link #toJson()} with the already formatted {@link #date()} and {@link #credential(String)}. */
    String toJson(String date, String credential) {
        StringBuilder json = new StringBuilder(640);
        json.append("{\"expiration\":");
        string(json, expirationText());
        json.append(",\"conditions\":[");
        field(json, "bucket", bucket).append(',');
        field(json, "x-oss-signature-version", SIGNATURE_VERSION).append(',');
        field(json, "x-oss-credential", credential).append(',');
        field(json, "x-oss-date", date);
        if (securityToken != null) {
            json.append(',');
            field(json, "x-oss-security-token", securityToken);
        }
        if (size != null) {
            json.append(",[\"content-length-range\",")
                    .append(size.min().bytes())
                    .append(',')
                    .append(size.max().bytes())
                    .append(']');
        }
        if (key != null) {
            json.append(",[");
            string(json, key instanceof KeyCondition.Exact ? "eq" : "starts-with");
            json.append(",\"$key\",");
            string(json, key.value());
            json.append(']');
        }
        if (!contentTypes.isEmpty()) {
            json.append(",[\"in\",\"$content-type\",[");
            for (int i = 0; i < contentTypes.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                string(json, contentTypes.get(i));
            }
            json.append("]]");
        }
        json.append(",[\"eq\",\"$success_action_status\",\"")
                .append(SUCCESS_STATUS)
                .append("\"]");
        if (forbidOverwrite) {
            json.append(",[\"eq\",\"$").append(FORBID_OVERWRITE).append("\",\"true\"]");
        }
        for (Map.Entry<String, String> field : pinned.entrySet()) {
            field(json.append(','), field.getKey(), field.getValue());
        }
        json.append("]}");
        return json.toString();
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        json.append('{');
        string(json, name);
        json.append(':');
        string(json, value);
        return json.append('}');
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped, everything else as is. */
    static void string(StringBuilder json, String value) {
        json.append('"');
        if (!needsEscaping(value)) {
            json.append(value);
        } else {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> json.append("\\\"");
                    case '\\' -> json.append("\\\\");
                    default -> {
                        if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                            json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        } else {
                            json.append(c);
                        }
                    }
                }
            }
        }
        json.append('"');
    }

    private static boolean needsEscaping(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c == 0x2028 || c == 0x2029) {
                return true;
            }
        }
        return false;
    }
}
