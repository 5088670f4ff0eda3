package dev.directupload.adapter.oss.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** An independent JDK-only implementation of the OSS V4 algorithms of the spec, to check the SDK's output against. */
public final class V4Reference {

    private V4Reference() {}

    public static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] signingKey(String secret, String yyyymmdd, String region) {
        byte[] k = hmac(("aliyun_v4" + secret).getBytes(StandardCharsets.UTF_8), yyyymmdd);
        k = hmac(k, region);
        k = hmac(k, "oss");
        return hmac(k, "aliyun_v4_request");
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Signature of a POST policy: hex HMAC of the Base64 policy with the signing key. */
    public static String postSignature(String secret, String yyyymmdd, String region, String policyBase64) {
        return hex(hmac(signingKey(secret, yyyymmdd, region), policyBase64));
    }

    public static String sha256Hex(String data) {
        try {
            return hex(MessageDigest.getInstance("SHA-256").digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 3986 encoding: unreserved characters kept, everything else %XX of its UTF-8 bytes; '/' kept if asked. */
    public static String uriEncode(String value, boolean keepSlash) {
        StringBuilder out = new StringBuilder();
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
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** The canonical request of a presigned GET without extra headers, from decoded query parameters. */
    public static String presignCanonicalRequest(String method, String bucket, String key, Map<String, String> query) {
        TreeMap<String, String> sorted = new TreeMap<>();
        query.forEach((k, v) -> {
            if (!k.equals("x-oss-signature")) {
                sorted.put(uriEncode(k, false), uriEncode(v, false));
            }
        });
        StringBuilder q = new StringBuilder();
        sorted.forEach((k, v) -> {
            if (q.length() > 0) {
                q.append('&');
            }
            q.append(k);
            if (!v.isEmpty()) {
                q.append('=').append(v);
            }
        });
        return method + "\n" + uriEncode("/" + bucket + "/" + key, true) + "\n" + q + "\n\n\nUNSIGNED-PAYLOAD";
    }

    public static String presignStringToSign(String xOssDate, String region, String canonicalRequest) {
        return "OSS4-HMAC-SHA256\n" + xOssDate + "\n" + xOssDate.substring(0, 8) + "/" + region
                + "/oss/aliyun_v4_request\n" + sha256Hex(canonicalRequest);
    }

    public static String presignSignature(String secret, String region, String xOssDate, String stringToSign) {
        return hex(hmac(signingKey(secret, xOssDate.substring(0, 8), region), stringToSign));
    }
}
