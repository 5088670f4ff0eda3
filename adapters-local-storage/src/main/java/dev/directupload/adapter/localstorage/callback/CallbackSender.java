package dev.directupload.adapter.localstorage.callback;

import dev.directupload.adapter.localstorage.LocalStorageSelected;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Makes an upload callback as OSS makes it, once the object is stored: POSTs the rendered body to the callback URL,
 * signed with the store's {@link CallbackKey} ({@code authorization}, {@code x-oss-pub-key-url}), and waits at most
 * 5 s, without retrying. Only a 200 whose body is JSON of at most 3 MB counts as delivered; OSS relays that body to the
 * uploader, and answers 203 {@code CallbackFailed} (the object kept) otherwise.
 */
@Singleton
@LocalStorageSelected
public final class CallbackSender {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_ANSWER_BYTES = 3 * 1024 * 1024;

    /** How a callback went. */
    public sealed interface Delivery {}

    /** The callback server answered 200 with this JSON body. */
    public record Delivered(byte[] body) implements Delivery {}

    /** The callback failed; why, in OSS's words where it has them. */
    public record Failed(String reason) implements Delivery {}

    private final CallbackKey key;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT)
            .build();

    CallbackSender(CallbackKey key, JsonMapper json) {
        this.key = key;
        this.json = json;
    }

    /**
     * @param customVariable a form field's value by name, for the {@code x:...} variables
     */
    public Delivery send(
            CallbackConfiguration callback,
            String bucket,
            String objectKey,
            String etag,
            long size,
            String mimeType,
            Function<String, Optional<String>> customVariable) {
        byte[] body = CallbackBody.render(
                        callback.bodyTemplate(),
                        callback.bodyType(),
                        new CallbackBody.StoredFacts(bucket, objectKey, unquoted(etag), size, mimeType),
                        customVariable)
                .getBytes(StandardCharsets.UTF_8);
        URI url = callback.url();
        String rawPath = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", callback.bodyType())
                .header("authorization", key.authorization(rawPath, url.getRawQuery(), body))
                .header("x-oss-pub-key-url", key.publicKeyUrlHeader())
                .header("User-Agent", "local-oss-callback")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    return new Failed("Error status : " + response.statusCode() + ".");
                }
                byte[] answer = in.readNBytes(MAX_ANSWER_BYTES + 1);
                if (answer.length > MAX_ANSWER_BYTES) {
                    return new Failed("Response body is too large.");
                }
                if (!isJson(answer)) {
                    return new Failed("Response body is not valid json format.");
                }
                return new Delivered(answer);
            }
        } catch (IOException e) {
            return new Failed("Error status : -1. " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("Interrupted while calling back.");
        }
    }

    private boolean isJson(byte[] answer) {
        try {
            return answer.length > 0 && json.readValue(answer, JsonNode.class) != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String unquoted(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1)
                : etag;
    }
}
