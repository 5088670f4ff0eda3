package dev.directupload.adapter.oss.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The known-answer vectors: {@code ../shared/vectors/oss-v4.json} beside the project, else the repository's copy
 * {@code vectors/oss-v4.json}; missing = failure.
 */
public final class Vectors {

    private static final String RELATIVE = "shared/vectors/oss-v4.json";
    private static final String COPY = "vectors/oss-v4.json";

    private Vectors() {}

    public static JsonObject all() {
        Path file = locate();
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<JsonObject> list(String group) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : all().getAsJsonArray(group)) {
            out.add(e.getAsJsonObject());
        }
        return out;
    }

    public static JsonObject byId(String group, String id) {
        return list(group).stream()
                .filter(v -> id.equals(v.get("id").getAsString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no vector " + id + " in " + group));
    }

    public static String text(JsonObject vector, String field) {
        JsonElement e = vector.get(field);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static Path locate() {
        String configured = System.getProperty("shared.dir");
        if (configured != null) {
            return Path.of(configured).resolve("vectors/oss-v4.json");
        }
        for (String relative : new String[] {RELATIVE, COPY}) {
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(relative);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        throw new AssertionError("known-answer vectors not found: expected " + RELATIVE + " in an ancestor of "
                + Path.of("").toAbsolutePath() + " (or -Dshared.dir)");
    }
}
