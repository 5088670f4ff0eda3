package dev.directupload.adapter.localstorage.callback;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders a callback body template as OSS does: each {@code ${name}} becomes the value of that variable, URL-encoded
 * for {@code application/x-www-form-urlencoded} or as a JSON value for {@code application/json} ({@code size} a
 * number, everything else a string). The variables are the stored object's {@code bucket}, {@code object},
 * {@code etag}, {@code size} and {@code mimeType}, and the form's custom variables {@code x:...}; any other
 * (such as {@code imageInfo.width}, which the store does not compute) is empty.
 */
final class CallbackBody {

    /** What the store knows of the object it just stored. */
    record StoredFacts(String bucket, String key, String etag, long size, String mimeType) {}

    private CallbackBody() {}

    /**
     * @param customVariable a form field's value by name ({@code x:...}), when the form has it
     */
    static String render(
            String template, String bodyType, StoredFacts facts, Function<String, Optional<String>> customVariable) {
        boolean json = CallbackConfiguration.JSON.equals(bodyType);
        StringBuilder out = new StringBuilder(template.length() + 128);
        int at = 0;
        while (at < template.length()) {
            int start = template.indexOf("${", at);
            int end = start < 0 ? -1 : template.indexOf('}', start + 2);
            if (end < 0) {
                out.append(template, at, template.length());
                break;
            }
            out.append(template, at, start);
            String name = template.substring(start + 2, end);
            if (json && name.equals("size")) {
                out.append(facts.size());
            } else {
                String value = value(name, facts, customVariable);
                out.append(json ? jsonString(value) : URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
            at = end + 1;
        }
        return out.toString();
    }

    private static String value(String name, StoredFacts facts, Function<String, Optional<String>> customVariable) {
        if (name.toLowerCase(Locale.ROOT).startsWith("x:")) {
            return customVariable.apply(name).orElse("");
        }
        return switch (name) {
            case "bucket" -> facts.bucket();
            case "object" -> facts.key();
            case "etag" -> facts.etag();
            case "size" -> Long.toString(facts.size());
            case "mimeType" -> facts.mimeType();
            default -> "";
        };
    }

    static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
