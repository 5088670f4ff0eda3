package dev.directupload.adapter.localstorage.callback;

import dev.directupload.adapter.localstorage.error.OssError;
import dev.directupload.adapter.localstorage.error.OssRejection;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import java.util.Locale;

/**
 * A form's {@code callback} field, read as OSS reads it: Base64 of a JSON object with {@code callbackUrl} (one http(s)
 * URL here; OSS also takes several separated by {@code ;}), {@code callbackBody} and {@code callbackBodyType}
 * ({@code application/x-www-form-urlencoded} when absent, or {@code application/json}). Anything else OSS refuses
 * before storing, with {@code InvalidArgument}.
 */
public record CallbackConfiguration(URI url, String bodyTemplate, String bodyType) {

    public static final String FORM_URLENCODED = "application/x-www-form-urlencoded";
    public static final String JSON = "application/json";

    /** @throws OssRejection {@code InvalidArgument} when the field is not such a callback */
    public static CallbackConfiguration parse(String field, JsonMapper mapper) {
        JsonNode root;
        try {
            byte[] json = Base64.getDecoder().decode(field.strip());
            root = mapper.readValue(json, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw invalid("The callback configuration is not json format.");
        }
        if (root == null || !root.isObject()) {
            throw invalid("The callback configuration is not json format.");
        }
        String url = string(root, "callbackUrl");
        String body = string(root, "callbackBody");
        if (url == null || url.isBlank()) {
            throw invalid("The callbackUrl of the callback configuration is missing.");
        }
        if (body == null || body.isEmpty()) {
            throw invalid("The callbackBody of the callback configuration is missing.");
        }
        String type = string(root, "callbackBodyType");
        type = type == null ? FORM_URLENCODED : type.strip().toLowerCase(Locale.ROOT);
        if (!type.equals(FORM_URLENCODED) && !type.equals(JSON)) {
            throw invalid("The callbackBodyType must be " + FORM_URLENCODED + " or " + JSON + ".");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw invalid("The callbackUrl is not a valid URL.");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw invalid("The callbackUrl must be an http(s) URL.");
        }
        return new CallbackConfiguration(uri, body, type);
    }

    private static String string(JsonNode root, String name) {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw invalid("The " + name + " of the callback configuration must be a string.");
        }
        return value.getStringValue();
    }

    private static OssRejection invalid(String message) {
        return OssError.INVALID_ARGUMENT.reject(message);
    }

    @Override
    public String toString() {
        return "CallbackConfiguration[" + url + ", " + bodyType + "]";
    }
}
