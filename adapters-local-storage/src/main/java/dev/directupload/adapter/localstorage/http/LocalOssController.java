package dev.directupload.adapter.localstorage.http;

import dev.directupload.adapter.localstorage.BucketUrl;
import dev.directupload.adapter.localstorage.LocalStorageProperties;
import dev.directupload.adapter.localstorage.LocalStorageSelected;
import dev.directupload.adapter.localstorage.callback.CallbackKey;
import dev.directupload.adapter.localstorage.callback.CallbackSender;
import dev.directupload.adapter.localstorage.disk.FreeSpace;
import dev.directupload.adapter.localstorage.disk.ObjectDirectory;
import dev.directupload.adapter.localstorage.disk.ObjectExistsException;
import dev.directupload.adapter.localstorage.error.OssError;
import dev.directupload.adapter.localstorage.error.OssRejection;
import dev.directupload.adapter.localstorage.signing.OssV4Signature;
import dev.directupload.adapter.localstorage.signing.PostFormVerifier;
import dev.directupload.adapter.localstorage.signing.PresignedGet;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.shared.InvalidValueException;
import dev.directupload.domain.storage.ObjectKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.PropagatedContext;
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
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The local bucket's HTTP face, as OSS: {@code POST /local-oss/{bucket}} (PostObject, streamed to disk)
 * and presigned {@code GET} / {@code HEAD /local-oss/{bucket}/{key}}. Every failure is OSS's XML error.
 *
 * <p>PostObject is anonymous until its policy is checked, so what it may cost is bounded before that: it runs on one
 * of {@code local-storage.max-concurrent-uploads} worker slots or is refused at once (503 {@code SlowDown}); the form
 * fields before the file may total {@link #MAX_PRE_FILE_BYTES} (400 {@code MaxPOSTPreDataLengthExceededError}) and
 * must arrive within 30 s, and a body silent for 30 s is cut off (400 {@code RequestTimeout}, {@link ReadWatchdog}).
 * A failing disk is a 5xx: 503 {@code InsufficientStorage} below {@code local-storage.min-free-bytes}, else 500
 * {@code InternalError}. After an error the rest of the body is drained by the server's event loop (no worker, no
 * buffer kept) so that the client reads the answer; a timed-out request's connection is closed instead.
 */
@Controller(BucketUrl.PATH)
@LocalStorageSelected
final class LocalOssController {

    private static final Logger LOG = LoggerFactory.getLogger(LocalOssController.class);
    private static final MediaType XML = MediaType.APPLICATION_XML_TYPE;
    /** The bytes of everything before the file part: fields, their part headers and delimiters. */
    static final int MAX_PRE_FILE_BYTES = 64 * 1024;

    private static final int MAX_FIELDS = 100;
    /** Where the service's request-id filter keeps the request's id while serving it. */
    private static final String REQUEST_ID_MDC_KEY = "request_id";

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final LocalStorageProperties properties;
    private final PostFormVerifier verifier;
    private final PresignedGet presigned;
    private final ObjectDirectory objects;
    private final BucketUrl bucketUrl;
    private final FreeSpace freeSpace;
    private final UploadSlots slots;
    private final ReadWatchdog watchdog;
    private final CallbackKey callbackKey;
    private final CallbackSender callbacks;
    private final Counter bytesWritten;
    private final MeterRegistry registry;

    LocalOssController(
            LocalStorageProperties properties,
            PostFormVerifier verifier,
            PresignedGet presigned,
            ObjectDirectory objects,
            BucketUrl bucketUrl,
            FreeSpace freeSpace,
            UploadSlots slots,
            ReadWatchdog watchdog,
            CallbackKey callbackKey,
            CallbackSender callbacks,
            @Nullable MeterRegistry registry) {
        this.properties = properties;
        this.verifier = verifier;
        this.presigned = presigned;
        this.objects = objects;
        this.bucketUrl = bucketUrl;
        this.freeSpace = freeSpace;
        this.slots = slots;
        this.watchdog = watchdog;
        this.callbackKey = callbackKey;
        this.callbacks = callbacks;
        this.registry = registry != null ? registry : new CompositeMeterRegistry();
        this.bytesWritten = Counter.builder("directupload.localstore.written")
                .description("Bytes of objects the local store stored")
                .baseUnit("bytes")
                .register(this.registry);
    }

    /** The public key upload callbacks are signed with, as OSS serves its own under gosspublic.alicdn.com. */
    @Get(uri = CallbackKey.PUBLIC_KEY_PATH, produces = "application/x-pem-file")
    HttpResponse<String> callbackPublicKey() {
        return HttpResponse.ok(callbackKey.publicKeyPem());
    }

    /**
     * PostObject. Taken by a worker slot or refused at once; the form fields are read first and the whole form is
     * verified when the {@code file} part's headers arrive, before a byte of it is stored; its bytes then stream to a
     * temporary file. A form with {@code x-oss-forbid-overwrite: true} for a key that holds an object is 409
     * {@code FileAlreadyExists}, as on OSS, and changes nothing; of concurrent such posts to a free key exactly one is
     * stored. A form with a {@code callback} (pinned by its policy) makes the store call back once the object is
     * stored, and answer the callback's JSON with 200, or 203 {@code CallbackFailed} with the object kept, as OSS does.
     */
    @Post(uri = "/{bucket}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_XML)
    CompletableFuture<HttpResponse<?>> postObject(
            String bucket, HttpRequest<?> request, @Nullable @Body InputStream body) {
        String requestId = requestId();
        InputStream in = body == null ? InputStream.nullInputStream() : body;
        // the worker runs in this request's propagated context: its log lines carry the request id (MDC)
        return slots.<HttpResponse<?>>tryRun(PropagatedContext.wrapCurrent(
                        (Supplier<HttpResponse<?>>) () -> receive(bucket, request, in, requestId)))
                .orElseGet(() -> {
                    closeQuietly(in); // the event loop drains what the client still sends
                    return CompletableFuture.completedFuture(error(
                            OssError.SLOW_DOWN.reject("Please reduce your request rate: too many uploads at once."),
                            requestId,
                            request,
                            true));
                });
    }

    private HttpResponse<?> receive(String bucket, HttpRequest<?> request, InputStream body, String requestId) {
        try (ReadWatchdog.GuardedBody in = watchdog.guard(body)) {
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
                requireWithinPreFileLimit(form.position());
                if (part.name().equals("file")) {
                    in.formComplete();
                    return storeFile(request, form, part, fields, requestId);
                }
                if (fields.size() >= MAX_FIELDS) {
                    throw OssError.INVALID_ARGUMENT.reject("Too many form fields.");
                }
                String value = fieldValue(part, MAX_PRE_FILE_BYTES - form.position());
                if (fields.putIfAbsent(part.name(), value) != null) {
                    throw OssError.INVALID_ARGUMENT.reject("The form field '" + part.name() + "' appears twice.");
                }
            }
        } catch (OssRejection rejection) {
            return error(rejection, requestId, request, true);
        } catch (RequestBodyException e) {
            LOG.info("PostObject {}: {}", requestId, e.getMessage());
            if (e.kind() == RequestBodyException.Kind.TIMEOUT) {
                // the client stalls: close rather than wait for the rest of its body
                return error(
                                OssError.REQUEST_TIMEOUT.reject("Your socket connection to the server was not read "
                                        + "from or written to within the timeout period: " + e.getMessage() + "."),
                                requestId,
                                request,
                                true)
                        .header(HttpHeaders.CONNECTION, "close");
            }
            return error(
                    OssError.MALFORMED_POST_REQUEST.reject("The request body could not be read completely."),
                    requestId,
                    request,
                    true);
        } catch (IOException | RuntimeException e) {
            // not the client's doing: the disk (or this store) failed
            boolean full = freeSpace.belowMinimum();
            LOG.warn("PostObject {} failed{}: {}", requestId, full ? " (disk short of space)" : "", e.toString());
            return error(
                    full
                            ? OssError.INSUFFICIENT_STORAGE.reject("The store is short of disk space and cannot take "
                                    + "this upload now. Please try again later.")
                            : OssError.INTERNAL_ERROR.reject("We encountered an internal error. Please try again."),
                    requestId,
                    request,
                    true);
        }
    }

    private HttpResponse<?> storeFile(
            HttpRequest<?> request,
            MultipartFormStream form,
            MultipartFormStream.Part file,
            Map<String, String> fields,
            String requestId)
            throws IOException {
        PostFormVerifier.AcceptedForm accepted = verifier.verify(fields, file.fileName(), file.contentType());
        if (accepted.forbidOverwrite() && objects.find(accepted.key()).isPresent()) {
            throw fileAlreadyExists(); // early, before a byte is stored; the commit below decides races
        }
        long expected = expectedFileBytes(request, form, accepted);
        freeSpace.requireRoomFor(expected);
        ObjectDirectory.Received received =
                objects.receive(freeSpace.watch(file.body(), expected), accepted.maxBytes());
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
            bytesWritten.increment(stored.size());
            if (accepted.callback().isPresent()) {
                return callBack(accepted, stored, fields, requestId, request);
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

    /** Calls back for a stored object: the callback's JSON answer (200), or 203 {@code CallbackFailed}. */
    private HttpResponse<?> callBack(
            PostFormVerifier.AcceptedForm accepted,
            ObjectDirectory.StoredObject stored,
            Map<String, String> fields,
            String requestId,
            HttpRequest<?> request) {
        CallbackSender.Delivery delivery = callbacks.send(
                accepted.callback().orElseThrow(),
                properties.bucket(),
                stored.key().value(),
                stored.etag(),
                stored.size(),
                stored.contentType(),
                name -> Optional.ofNullable(fields.get(name)));
        if (delivery instanceof CallbackSender.Delivered delivered) {
            return HttpResponse.ok(delivered.body())
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header(HttpHeaders.ETAG, stored.etag())
                    .header("x-oss-request-id", requestId);
        }
        String reason = ((CallbackSender.Failed) delivery).reason();
        LOG.info(
                "PostObject {}: {} stored, callback failed: {}",
                requestId,
                stored.key().value(),
                reason);
        return error(OssError.CALLBACK_FAILED.reject(reason), requestId, request, true)
                .header(HttpHeaders.ETAG, stored.etag());
    }

    /**
     * What the file will take on disk: the request's Content-Length less what the fields took, within the policy's
     * range; without a Content-Length (chunked), the least the policy admits.
     */
    private static long expectedFileBytes(
            HttpRequest<?> request, MultipartFormStream form, PostFormVerifier.AcceptedForm accepted) {
        long contentLength = request.getContentLength();
        long declared = contentLength > 0 ? contentLength - form.position() : accepted.minBytes();
        return Math.max(accepted.minBytes(), Math.min(declared, accepted.maxBytes()));
    }

    /** GetObject and HeadObject: Micronaut routes HEAD to the GET route; HEAD answers headers only. */
    @Get(uri = "/{bucket}/{+key}", produces = MediaType.ALL)
    @Hidden // from the OpenAPI generator, which drops {+key}: bootstrap/src/main/openapi documents this route
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
                MediaType type = servedType(stored.contentType());
                MutableHttpResponse<?> response = HttpResponse.ok()
                        .header(HttpHeaders.ETAG, stored.etag())
                        .header(HttpHeaders.LAST_MODIFIED, HTTP_DATE.format(stored.lastModified()))
                        .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                        .header("X-Content-Type-Options", "nosniff")
                        .header("x-oss-request-id", requestId);
                if (head) {
                    return response.header(HttpHeaders.CONTENT_TYPE, type.toString())
                            .header(HttpHeaders.CONTENT_LENGTH, Long.toString(stored.size()));
                }
                Optional<ByteRange> range = ByteRange.parse(request.getHeaders().get(HttpHeaders.RANGE), stored.size());
                long first = range.map(ByteRange::first).orElse(0L);
                long length = range.map(ByteRange::length).orElse(stored.size());
                try {
                    InputStream data = open(stored, first, length);
                    range.ifPresent(r -> response.status(HttpStatus.PARTIAL_CONTENT)
                            .header(HttpHeaders.CONTENT_RANGE, r.contentRange(stored.size())));
                    return response.body(
                            new StreamedFile(data, type, stored.lastModified().toEpochMilli(), length));
                } catch (NoSuchFileException replaced) {
                    // replaced or deleted since find: look again
                }
            }
            throw OssError.NO_SUCH_KEY.reject("The specified key does not exist.");
        } catch (ByteRange.Unsatisfiable unsatisfiable) {
            return error(
                            OssError.INVALID_RANGE.reject("The requested range cannot be satisfied."),
                            requestId,
                            request,
                            true)
                    .header(HttpHeaders.CONTENT_RANGE, "bytes */" + unsatisfiable.size());
        } catch (OssRejection rejection) {
            return error(rejection, requestId, request, !head);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a GET serves the object as: its stored type when that is one of the allowed image and video types,
     * else {@code application/octet-stream}: never {@code text/html} or anything else a browser would render, whatever
     * the uploader declared.
     */
    static MediaType servedType(String storedType) {
        return FileFormat.ofContentType(storedType)
                .map(format -> MediaType.of(format.contentType()))
                .orElse(MediaType.APPLICATION_OCTET_STREAM_TYPE);
    }

    private static InputStream open(ObjectDirectory.StoredObject stored, long first, long length) throws IOException {
        FileChannel channel = FileChannel.open(stored.data(), StandardOpenOption.READ);
        try {
            channel.position(first);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new BoundedInputStream(Channels.newInputStream(channel), length);
    }

    private void requireBucket(String bucket) {
        if (!properties.bucket().equals(bucket)) {
            throw OssError.NO_SUCH_BUCKET.reject("The specified bucket does not exist.");
        }
    }

    private static void requireWithinPreFileLimit(long position) {
        if (position > MAX_PRE_FILE_BYTES) {
            throw preFileTooLarge();
        }
    }

    private static OssRejection preFileTooLarge() {
        return OssError.MAX_POST_PRE_DATA_LENGTH_EXCEEDED.reject("Your POST request fields preceding the upload file "
                + "were too large: at most " + MAX_PRE_FILE_BYTES + " bytes.");
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

    /** A field's value, read up to what is left of the pre-file budget. */
    private static String fieldValue(MultipartFormStream.Part part, long budget) throws IOException {
        int max = (int) Math.max(0, budget);
        byte[] value = part.body().readNBytes(max + 1);
        if (value.length > max) {
            throw preFileTooLarge();
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    private MutableHttpResponse<?> error(
            OssRejection rejection, String requestId, HttpRequest<?> request, boolean withBody) {
        if (request.getMethod() == HttpMethod.POST) {
            Counter.builder("directupload.localstore.uploads.refused")
                    .description("PostObject requests the local store refused, by OSS error code")
                    .tag("code", rejection.error().code())
                    .register(registry)
                    .increment();
        }
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

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException | RuntimeException e) {
            // the connection is closed after the answer anyway
        }
    }

    /** The service's request id ({@code X-Request-Id}, in the logging MDC while serving), else one of OSS's form. */
    private static String requestId() {
        String served = MDC.get(REQUEST_ID_MDC_KEY);
        if (served != null) {
            return served;
        }
        byte[] id = new byte[12];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().withUpperCase().formatHex(id);
    }
}
