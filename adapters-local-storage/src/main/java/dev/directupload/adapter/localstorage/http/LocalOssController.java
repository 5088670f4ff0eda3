package dev.directupload.adapter.localstorage.http;

import dev.directupload.adapter.localstorage.BucketUrl;
import dev.directupload.adapter.localstorage.LocalStorageProperties;
import dev.directupload.adapter.localstorage.LocalStorageSelected;
import dev.directupload.adapter.localstorage.disk.ObjectDirectory;
import dev.directupload.adapter.localstorage.disk.ObjectExistsException;
import dev.directupload.adapter.localstorage.error.OssError;
import dev.directupload.adapter.localstorage.error.OssRejection;
import dev.directupload.adapter.localstorage.signing.OssV4Signature;
import dev.directupload.adapter.localstorage.signing.PostFormVerifier;
import dev.directupload.adapter.localstorage.signing.PresignedGet;
import dev.directupload.domain.shared.InvalidValueException;
import dev.directupload.domain.storage.ObjectKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local bucket's HTTP face, as OSS: {@code POST /local-oss/{bucket}} (PostObject, streamed to disk)
 * and presigned {@code GET} / {@code HEAD /local-oss/{bucket}/{key}}. Every failure is OSS's XML error.
 */
@Controller(BucketUrl.PATH)
@LocalStorageSelected
final class LocalOssController {

    private static final Logger LOG = LoggerFactory.getLogger(LocalOssController.class);
    private static final MediaType XML = MediaType.APPLICATION_XML_TYPE;
    private static final int MAX_FIELD_BYTES = 64 * 1024;
    private static final int MAX_FIELDS = 100;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final LocalStorageProperties properties;
    private final PostFormVerifier verifier;
    private final PresignedGet presigned;
    private final ObjectDirectory objects;
    private final BucketUrl bucketUrl;

    LocalOssController(
            LocalStorageProperties properties,
            PostFormVerifier verifier,
            PresignedGet presigned,
            ObjectDirectory objects,
            BucketUrl bucketUrl) {
        this.properties = properties;
        this.verifier = verifier;
        this.presigned = presigned;
        this.objects = objects;
        this.bucketUrl = bucketUrl;
    }

    /**
     * PostObject. The form fields are read first and the whole form is verified when the {@code file}
     * part's headers arrive, before a byte of it is stored; its bytes then stream to a temporary file. A form with
     * {@code x-oss-forbid-overwrite: true} for a key that holds an object is 409 {@code FileAlreadyExists}, as on OSS,
     * and changes nothing; of concurrent such posts to a free key exactly one is stored.
     */
    @Post(uri = "/{bucket}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_XML)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> postObject(String bucket, HttpRequest<?> request, @Nullable @Body InputStream body) {
        String requestId = requestId();
        try (InputStream in = body == null ? InputStream.nullInputStream() : body) {
            requireBucket(bucket);
            String boundary = MultipartFormStream.boundaryOf(
                            request.getHeaders().get(HttpHeaders.CONTENT_TYPE))
                    .orElseThrow(() -> OssError.MALFORMED_POST_REQUEST.reject("The body of your POST request is "
                            + "not well-formed multipart/form-data: no multipart/form-data boundary."));
            MultipartFormStream form = new MultipartFormStream(in, boundary);
            Map<String, String> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            while (true) {
                MultipartFormStream.Part part = form.next()
                        .orElseThrow(() -> OssError.INVALID_ARGUMENT.reject(
                                "POST requires exactly one file upload per request: the form has no 'file' field."));
                if (part.name().equals("file")) {
                    return storeFile(form, part, fields, requestId);
                }
                if (fields.size() >= MAX_FIELDS) {
                    throw OssError.INVALID_ARGUMENT.reject("Too many form fields.");
                }
                if (fields.putIfAbsent(part.name(), fieldValue(part)) != null) {
                    throw OssError.INVALID_ARGUMENT.reject("The form field '" + part.name() + "' appears twice.");
                }
            }
        } catch (OssRejection rejection) {
            return error(rejection, requestId, request, true);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("PostObject {} failed: {}", requestId, e.toString());
            return error(
                    OssError.MALFORMED_POST_REQUEST.reject("The request body could not be read completely."),
                    requestId,
                    request,
                    true);
        }
    }

    private HttpResponse<?> storeFile(
            MultipartFormStream form, MultipartFormStream.Part file, Map<String, String> fields, String requestId)
            throws IOException {
        PostFormVerifier.AcceptedForm accepted = verifier.verify(fields, file.fileName(), file.contentType());
        if (accepted.forbidOverwrite() && objects.find(accepted.key()).isPresent()) {
            throw fileAlreadyExists(); // early, before a byte is stored; the commit below decides races
        }
        ObjectDirectory.Received received = objects.receive(file.body(), accepted.maxBytes());
        try {
            if (form.next().isPresent()) {
                throw OssError.MALFORMED_POST_REQUEST.reject("The body of your POST request is not well-formed "
                        + "multipart/form-data: the 'file' field must be the last field.");
            }
            if (received.size() < accepted.minBytes()) {
                throw OssError.ENTITY_TOO_SMALL.reject("Your proposed upload is smaller than the minimum allowed "
                        + "size (" + accepted.minBytes() + " bytes).");
            }
            ObjectDirectory.StoredObject stored;
            try {
                stored = objects.commit(accepted.key(), received, accepted.contentType(), !accepted.forbidOverwrite());
            } catch (ObjectExistsException e) {
                throw fileAlreadyExists();
            }
            MutableHttpResponse<?> response = HttpResponse.status(HttpStatus.valueOf(accepted.successStatus()))
                    .header(HttpHeaders.ETAG, stored.etag())
                    .header("x-oss-request-id", requestId);
            if (accepted.successStatus() == 201) {
                String location = bucketUrl.value() + "/"
                        + OssV4Signature.encode(stored.key().value(), true);
                return response.contentType(XML)
                        .body(OssXml.postResponse(
                                properties.bucket(), location, stored.key().value(), stored.etag()));
            }
            return response;
        } finally {
            objects.discard(received);
        }
    }

    /** GetObject and HeadObject: Micronaut routes HEAD to the GET route; HEAD answers headers only. */
    @Get(uri = "/{bucket}/{+key}", produces = MediaType.ALL)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> getObject(String bucket, HttpRequest<?> request) {
        boolean head = request.getMethod() == HttpMethod.HEAD;
        String requestId = requestId();
        try {
            requireBucket(bucket);
            String key = RequestUri.keyOf(request.getUri().getRawPath(), bucket);
            Map<String, String> headers = new TreeMap<>();
            request.getHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            presigned.verify(
                    head ? "HEAD" : "GET",
                    key,
                    RequestUri.query(request.getUri().getRawQuery()),
                    headers);
            ObjectKey objectKey = objectKey(key);
            for (int attempt = 0; attempt < 3; attempt++) {
                ObjectDirectory.StoredObject stored = objects.find(objectKey)
                        .orElseThrow(() -> OssError.NO_SUCH_KEY.reject("The specified key does not exist."));
                MutableHttpResponse<?> response = HttpResponse.ok()
                        .header(HttpHeaders.ETAG, stored.etag())
                        .header(HttpHeaders.LAST_MODIFIED, HTTP_DATE.format(stored.lastModified()))
                        .header("x-oss-request-id", requestId);
                if (head) {
                    return response.header(HttpHeaders.CONTENT_TYPE, stored.contentType())
                            .header(HttpHeaders.CONTENT_LENGTH, Long.toString(stored.size()));
                }
                try {
                    InputStream data = Files.newInputStream(stored.data());
                    return response.body(new StreamedFile(
                            data,
                            mediaType(stored.contentType()),
                            stored.lastModified().toEpochMilli(),
                            stored.size()));
                } catch (NoSuchFileException replaced) {
                    // replaced or deleted since find: look again
                }
            }
            throw OssError.NO_SUCH_KEY.reject("The specified key does not exist.");
        } catch (OssRejection rejection) {
            return error(rejection, requestId, request, !head);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireBucket(String bucket) {
        if (!properties.bucket().equals(bucket)) {
            throw OssError.NO_SUCH_BUCKET.reject("The specified bucket does not exist.");
        }
    }

    private static OssRejection fileAlreadyExists() {
        return OssError.FILE_ALREADY_EXISTS.reject(
                "The object you specified already exists and can not be overwritten.");
    }

    private static ObjectKey objectKey(String key) {
        try {
            return new ObjectKey(key);
        } catch (InvalidValueException e) {
            throw OssError.INVALID_ARGUMENT.reject("The specified object name is not valid: " + e.getMessage());
        }
    }

    private static String fieldValue(MultipartFormStream.Part part) throws IOException {
        byte[] value = part.body().readNBytes(MAX_FIELD_BYTES + 1);
        if (value.length > MAX_FIELD_BYTES) {
            throw OssError.INVALID_ARGUMENT.reject("The form field '" + part.name() + "' is too large.");
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    private static MediaType mediaType(String contentType) {
        try {
            return MediaType.of(contentType);
        } catch (RuntimeException e) {
            return MediaType.APPLICATION_OCTET_STREAM_TYPE;
        }
    }

    private MutableHttpResponse<?> error(
            OssRejection rejection, String requestId, HttpRequest<?> request, boolean withBody) {
        MutableHttpResponse<?> response = HttpResponse.status(
                        HttpStatus.valueOf(rejection.error().status()))
                .header("x-oss-request-id", requestId);
        if (!withBody) {
            return response;
        }
        String host =
                Optional.ofNullable(request.getHeaders().get(HttpHeaders.HOST)).orElse("local-oss");
        return response.contentType(XML).body(OssXml.error(rejection, requestId, host));
    }

    private static String requestId() {
        byte[] id = new byte[12];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().withUpperCase().formatHex(id);
    }
}
