package dev.directupload.adapter.web.callback;

import dev.directupload.adapter.web.photo.PhotoResponse;
import dev.directupload.application.port.in.upload.ReceiveUploadCallbackUseCase;
import dev.directupload.application.port.in.upload.UploadCallback;
import dev.directupload.application.port.model.SignedCallback;
import dev.directupload.application.port.out.storage.UploadCallbackRequest;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code POST /oss/callback}: the storage reports an upload stored (OSS's upload callback, or the local store's
 * emulation of it). No token: the request is believed only once its signature is checked, over the path and query as
 * received and the body byte for byte. Answers the upload's photo, exactly as {@code complete} does; OSS relays that
 * answer to the uploader. Exists only with {@code oss.callback.url} set, and never on MinIO (S3 has no callback).
 */
@Controller("/oss/callback")
@Secured(SecurityRule.IS_ANONYMOUS)
@Requires(property = "oss.callback.url")
@Requires(property = "storage.provider", notEquals = "minio")
@ExecuteOn(TaskExecutors.BLOCKING)
final class OssCallbackController {

    private final ReceiveUploadCallbackUseCase callbacks;
    private final JsonMapper json;

    OssCallbackController(ReceiveUploadCallbackUseCase callbacks, JsonMapper json) {
        this.callbacks = callbacks;
        this.json = json;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    PhotoResponse receive(HttpRequest<?> request, @Nullable @Body byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        SignedCallback signed = new SignedCallback(
                request.getUri().getRawPath(),
                Optional.ofNullable(request.getUri().getRawQuery()),
                Optional.ofNullable(request.getHeaders().get("authorization")),
                Optional.ofNullable(request.getHeaders().get("x-oss-pub-key-url")),
                bytes);
        Optional<JsonNode> parsed = parse(bytes);
        return PhotoResponse.from(callbacks.receive(new UploadCallback(
                signed,
                parsed.flatMap(node -> text(node, UploadCallbackRequest.UPLOAD_ID_FIELD)),
                parsed.flatMap(node -> text(node, UploadCallbackRequest.OBJECT_FIELD)))));
    }

    /** The body as a JSON object, if it is one; the use case refuses what is not, once the signature is checked. */
    private Optional<JsonNode> parse(byte[] body) {
        try {
            JsonNode node = body.length == 0 ? null : json.readValue(body, JsonNode.class);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && value.isString() ? Optional.of(value.getStringValue()) : Optional.empty();
    }
}
