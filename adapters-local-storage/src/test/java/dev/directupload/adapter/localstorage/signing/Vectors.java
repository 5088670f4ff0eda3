package dev.directupload.adapter.localstorage.signing;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The OSS V4 known-answer vectors: {@code ../shared/vectors/oss-v4.json}, else the repository copy {@code vectors/}. */
public final class Vectors {

    public static final JsonMapper JSON = JsonMapper.createDefault();

    private Vectors() {}

    public static List<Map<String, Object>> postPolicies() {
        return list("postPolicyV4");
    }

    public static List<Map<String, Object>> presignedUrls() {
        return list("presignedUrlV4");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(String name) {
        return (List<Map<String, Object>>) all().get(name);
    }

    private static Map<String, Object> all() {
        try {
            return JSON.readValue(Files.readAllBytes(file()), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Found by walking up from the working directory; missing vectors fail the tests, they never skip them. */
    private static Path file() {
        for (String relative : new String[] {"shared/vectors/oss-v4.json", "vectors/oss-v4.json"}) {
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(relative);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException(
                "shared/vectors/oss-v4.json not found above " + Path.of("").toAbsolutePath());
    }

    /** The form a client posts for the vector: every field the policy names, with values it accepts. */
    public static Map<String, String> form(Map<String, Object> v) {
        Map<String, String> form = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String policy = text(v, "policyJson");
        form.put(
                "key",
                switch (text(v, "id")) {
                    case "v1-hangzhou-no-token" -> "uploads/u123/photo.jpg";
                    case "v2-shanghai-sts-token" -> "wx/2025/12/31/abc123.jpg";
                    default -> "mp/photo.jpg";
                });
        form.put("policy", text(v, "policyBase64"));
        form.put("x-oss-signature-version", "OSS4-HMAC-SHA256");
        form.put("x-oss-credential", text(v, "credential"));
        form.put("x-oss-date", text(v, "date"));
        form.put("x-oss-signature", text(v, "signature"));
        if (v.get("securityToken") != null) {
            form.put("x-oss-security-token", text(v, "securityToken"));
        }
        if (policy.contains("$success_action_status")) {
            form.put("success_action_status", "200");
        }
        if (policy.contains("$content-type")) {
            form.put("Content-Type", "image/jpeg");
        }
        return form;
    }

    public static Instant vectorTime(Map<String, Object> v) {
        return PostFormVerifier.requestTime(text(v, "date"));
    }

    public static AccessKey accessKey(Map<String, Object> v) {
        return new AccessKey(text(v, "accessKeyId"), text(v, "accessKeySecret"), Optional.ofNullable((String)
                v.get("securityToken")));
    }

    public static Map<String, Object> vector(String id) {
        return Vectors.postPolicies().stream()
                .filter(v -> id.equals(v.get("id")))
                .findFirst()
                .map(LinkedHashMap::new)
                .orElseThrow();
    }

    public static String text(Map<String, Object> v, String name) {
        return (String) v.get(name);
    }
}
