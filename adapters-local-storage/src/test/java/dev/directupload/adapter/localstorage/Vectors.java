package dev.directupload.adapter.localstorage;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The OSS V4 known-answer vectors: {@code ../shared/vectors/oss-v4.json}, else the repository copy {@code vectors/}. */
final class Vectors {

    static final JsonMapper JSON = JsonMapper.createDefault();

    private Vectors() {}

    static List<Map<String, Object>> postPolicies() {
        return list("postPolicyV4");
    }

    static List<Map<String, Object>> presignedUrls() {
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
}
