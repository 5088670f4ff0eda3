package dev.directupload.adapter.localstorage.http;

import dev.directupload.adapter.localstorage.BucketUrl;
import dev.directupload.adapter.localstorage.error.OssError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a request URI as OSS does: the object key after the bucket, the query parameters, strict percent-decoding. */
public final class RequestUri {

    private RequestUri() {}

    /** The decoded key after {@code /local-oss/{bucket}/} in the raw path. */
    public static String keyOf(String rawPath, String bucket) {
        String marker = BucketUrl.PATH + "/" + bucket + "/";
        int at = rawPath.indexOf(marker);
        if (at < 0) {
            throw OssError.INVALID_ARGUMENT.reject("The specified object name is not valid.");
        }
        return percentDecode(rawPath.substring(at + marker.length()));
    }

    public static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
            if (params.putIfAbsent(name, value) != null) {
                throw OssError.INVALID_ARGUMENT.reject("The query parameter '" + name + "' appears twice.");
            }
        }
        return params;
    }

    /** Strict RFC 3986 percent-decoding to UTF-8 ('+' stays '+'). */
    public static String percentDecode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw OssError.INVALID_ARGUMENT.reject("Invalid percent-encoding in the request URI.");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw OssError.INVALID_ARGUMENT.reject("Invalid percent-encoding in the request URI.");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        String decoded = out.toString(StandardCharsets.UTF_8);
        if (decoded.indexOf('\uFFFD') >= 0 && raw.indexOf('\uFFFD') < 0) {
            throw OssError.INVALID_ARGUMENT.reject("The request URI is not valid UTF-8.");
        }
        return decoded;
    }
}
