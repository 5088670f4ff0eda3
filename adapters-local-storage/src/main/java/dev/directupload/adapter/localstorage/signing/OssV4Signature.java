package dev.directupload.adapter.localstorage.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The OSS4-HMAC-SHA256 primitives: date formats, credential scope, signing-key chain, RFC 3986 encoding. */
public final class OssV4Signature {

    public static final String ALGORITHM = "OSS4-HMAC-SHA256";
    static final String TERMINATOR = "aliyun_v4_request";
    static final String SERVICE = "oss";
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final HexFormat HEX = HexFormat.of();

    private OssV4Signature() {}

    /** {@code x-oss-date} of an instant: always UTC, second precision. */
    public static String dateTime(Instant instant) {
        return DATE_TIME.format(instant);
    }

    /** {@code <yyyymmdd>/<region>/oss/aliyun_v4_request}. */
    static String scope(String day, String region) {
        return day + "/" + region + "/" + SERVICE + "/" + TERMINATOR;
    }

    /** {@code HMAC("aliyun_v4" + secret, day)}, then region, "oss", "aliyun_v4_request". */
    static byte[] signingKey(String secret, String day, String region) {
        byte[] key = hmac(("aliyun_v4" + secret).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, region);
        key = hmac(key, SERVICE);
        return hmac(key, TERMINATOR);
    }

    /** Lower-case hex HMAC-SHA256 of {@code text} under the signing key. */
    public static String sign(byte[] signingKey, String text) {
        return HEX.formatHex(hmac(signingKey, text));
    }

    /** The string to sign of a header or query signed request. */
    static String stringToSign(String dateTime, String scope, String canonicalRequest) {
        return ALGORITHM + "\n" + dateTime + "\n" + scope + "\n" + sha256Hex(canonicalRequest);
    }

    /**
     * The canonical request of a presigned request: the URI is {@code /bucket/key} whatever path the
     * request really used; {@code canonicalHeaders} is {@code "name:value\n"} per signed header.
     */
    static String canonicalRequest(
            String method,
            String bucket,
            String key,
            String canonicalQuery,
            String canonicalHeaders,
            String additionalHeaders) {
        return method + "\n" + encode("/" + bucket + "/" + key, true) + "\n" + canonicalQuery + "\n" + canonicalHeaders
                + "\n" + additionalHeaders + "\n" + UNSIGNED_PAYLOAD;
    }

    /** Constant-time comparison of two signatures. */
    static boolean matches(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 3986 percent-encoding of the UTF-8 bytes, keeping unreserved characters (and '/' when asked). */
    public static String encode(String value, boolean keepSlash) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~'
                    || (keepSlash && c == '/')) {
                out.append(c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    static String sha256Hex(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
