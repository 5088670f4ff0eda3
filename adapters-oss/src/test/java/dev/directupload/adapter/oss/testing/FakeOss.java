package dev.directupload.adapter.oss.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny OSS stand-in on 127.0.0.1 (path-style {@code /bucket/key}): objects with size, ETag, type, user metadata and
 * last-modified time; HEAD, GET and DELETE; CopyObject and the multipart copy (InitiateMultipartUpload, UploadPartCopy
 * with its range, CompleteMultipartUpload, AbortMultipartUpload), each honouring {@code x-oss-copy-source-if-match};
 * ListObjectsV2 ({@code prefix}, {@code max-keys}, {@code start-after}); answered as OSS does (404 with
 * {@code x-oss-err} / XML error bodies); a scripted failure status; every request recorded for the test to inspect.
 */
public final class FakeOss implements AutoCloseable {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");
    private static final Pattern PART =
            Pattern.compile("<Part>\\s*<PartNumber>(\\d+)</PartNumber>\\s*<ETag>([^<]*)</ETag>\\s*</Part>");

    /** One recorded request. */
    public record Seen(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** A stored object. */
    public record StoredObject(
            byte[] content, String etag, String contentType, Map<String, String> userMetadata, Instant lastModified) {

        public StoredObject(byte[] content, String etag, String contentType) {
            this(content, etag, contentType, Map.of(), Instant.now());
        }

        /** A single-part object as an upload leaves it: its ETag is its MD5. */
        public static StoredObject uploaded(byte[] content, String contentType) {
            return new StoredObject(content, quotedMd5(content), contentType, Map.of(), Instant.now());
        }
    }

    private record Upload(
            String key, String contentType, Map<String, String> userMetadata, Map<Integer, byte[]> parts) {}

    private final HttpServer server;
    private final String bucket;
    private final Map<String, StoredObject> objects = new ConcurrentSkipListMap<>();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicReference<Runnable> beforeNextCopy = new AtomicReference<>();
    private volatile int failStatus;
    private volatile String failCode;

    public FakeOss(String bucket) throws IOException {
        this.bucket = bucket;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void put(String key, StoredObject object) {
        objects.put(key, object);
    }

    public boolean contains(String key) {
        return objects.containsKey(key);
    }

    public StoredObject get(String key) {
        return objects.get(key);
    }

    public List<Seen> seen() {
        return seen;
    }

    /** Multipart uploads initiated and neither completed nor aborted. */
    public int openUploads() {
        return uploads.size();
    }

    /** Answer every request with this status and OSS error code; 0 to behave again. */
    public void failWith(int status, String code) {
        this.failStatus = status;
        this.failCode = code;
    }

    /** Runs {@code action} once, just before the next copy request (object or part) is served. */
    public void beforeNextCopy(Runnable action) {
        beforeNextCopy.set(action);
    }

    public static String quotedMd5(byte[] content) {
        return "\"" + HexFormat.of().withUpperCase().formatHex(md5(content)) + "\"";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        seen.add(new Seen(method, rawPath, rawQuery, Map.copyOf(exchange.getRequestHeaders())));
        byte[] body = exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("x-oss-request-id", "fake-request");
        if (failStatus != 0) {
            error(exchange, failStatus, failCode);
            return;
        }
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(rawQuery);
        if (path.equals("/" + bucket) || path.equals("/" + bucket + "/")) {
            if (method.equals("GET") && "2".equals(query.get("list-type"))) {
                listV2(exchange, query);
            } else {
                error(exchange, 405, "MethodNotAllowed");
            }
            return;
        }
        String prefix = "/" + bucket + "/";
        if (!path.startsWith(prefix)) {
            error(exchange, 404, "NoSuchBucket");
            return;
        }
        String key = path.substring(prefix.length());
        String copySource = exchange.getRequestHeaders().getFirst("x-oss-copy-source");
        switch (method) {
            case "HEAD", "GET" -> headOrGet(exchange, key, method.equals("HEAD"));
            case "DELETE" -> {
                if (query.containsKey("uploadId")) {
                    uploads.remove(query.get("uploadId"));
                } else {
                    objects.remove(key);
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            }
            case "PUT" -> {
                if (copySource == null) {
                    error(exchange, 405, "MethodNotAllowed");
                } else if (query.containsKey("uploadId")) {
                    copyPart(exchange, query, copySource);
                } else {
                    copyObject(exchange, key, copySource);
                }
            }
            case "POST" -> {
                if (query.containsKey("uploads")) {
                    initiate(exchange, key);
                } else if (query.containsKey("uploadId")) {
                    complete(exchange, key, query.get("uploadId"), new String(body, StandardCharsets.UTF_8));
                } else {
                    error(exchange, 405, "MethodNotAllowed");
                }
            }
            default -> error(exchange, 405, "MethodNotAllowed");
        }
    }

    private void headOrGet(HttpExchange exchange, String key, boolean head) throws IOException {
        StoredObject object = objects.get(key);
        if (object == null) {
            error(exchange, 404, "NoSuchKey");
            return;
        }
        exchange.getResponseHeaders().set("ETag", object.etag());
        exchange.getResponseHeaders().set("Content-Type", object.contentType());
        object.userMetadata()
                .forEach((name, value) -> exchange.getResponseHeaders().set("x-oss-meta-" + name, value));
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", String.valueOf(object.content().length));
            exchange.sendResponseHeaders(200, -1);
        } else {
            exchange.sendResponseHeaders(200, object.content().length);
            exchange.getResponseBody().write(object.content());
        }
        exchange.close();
    }

    /** The source object of a copy, or an error already answered (null). */
    private StoredObject copySource(HttpExchange exchange, String copySource) throws IOException {
        Runnable action = beforeNextCopy.getAndSet(null);
        if (action != null) {
            action.run();
        }
        String sourcePrefix = "/" + bucket + "/";
        String decoded = URLDecoder.decode(copySource, StandardCharsets.UTF_8);
        StoredObject source =
                decoded.startsWith(sourcePrefix) ? objects.get(decoded.substring(sourcePrefix.length())) : null;
        if (source == null) {
            error(exchange, 404, "NoSuchKey");
            return null;
        }
        String ifMatch = exchange.getRequestHeaders().getFirst("x-oss-copy-source-if-match");
        if (ifMatch != null && !unquoted(ifMatch).equalsIgnoreCase(unquoted(source.etag()))) {
            error(exchange, 412, "PreconditionFailed");
            return null;
        }
        return source;
    }

    private void copyObject(HttpExchange exchange, String key, String copySourceHeader) throws IOException {
        StoredObject source = copySource(exchange, copySourceHeader);
        if (source == null) {
            return;
        }
        boolean replace =
                "REPLACE".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("x-oss-metadata-directive"));
        StoredObject copy = new StoredObject(
                source.content(),
                source.etag(),
                replace ? exchange.getRequestHeaders().getFirst("Content-Type") : source.contentType(),
                replace ? userMetadata(exchange) : source.userMetadata(),
                Instant.now());
        objects.put(key, copy);
        xml(
                exchange,
                200,
                "<CopyObjectResult><ETag>" + copy.etag() + "</ETag><LastModified>" + iso(copy.lastModified())
                        + "</LastModified></CopyObjectResult>");
    }

    private void initiate(HttpExchange exchange, String key) throws IOException {
        String uploadId = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
        uploads.put(
                uploadId,
                new Upload(
                        key,
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        userMetadata(exchange),
                        new ConcurrentSkipListMap<>()));
        xml(
                exchange,
                200,
                "<InitiateMultipartUploadResult><Bucket>" + bucket + "</Bucket><Key>" + key + "</Key><UploadId>"
                        + uploadId + "</UploadId></InitiateMultipartUploadResult>");
    }

    private void copyPart(HttpExchange exchange, Map<String, String> query, String copySourceHeader)
            throws IOException {
        Upload upload = uploads.get(query.get("uploadId"));
        if (upload == null) {
            error(exchange, 404, "NoSuchUpload");
            return;
        }
        StoredObject source = copySource(exchange, copySourceHeader);
        if (source == null) {
            return;
        }
        byte[] content = source.content();
        String range = exchange.getRequestHeaders().getFirst("x-oss-copy-source-range");
        if (range != null) {
            Matcher m = RANGE.matcher(range);
            if (!m.matches() || Long.parseLong(m.group(2)) >= content.length) {
                error(exchange, 416, "InvalidRange");
                return;
            }
            content = java.util.Arrays.copyOfRange(
                    content, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)) + 1);
        }
        upload.parts().put(Integer.parseInt(query.get("partNumber")), content);
        xml(
                exchange,
                200,
                "<CopyPartResult><LastModified>" + iso(Instant.now()) + "</LastModified><ETag>" + quotedMd5(content)
                        + "</ETag></CopyPartResult>");
    }

    private void complete(HttpExchange exchange, String key, String uploadId, String body) throws IOException {
        Upload upload = uploads.get(uploadId);
        if (upload == null || !upload.key().equals(key)) {
            error(exchange, 404, "NoSuchUpload");
            return;
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        ByteArrayOutputStream partDigests = new ByteArrayOutputStream();
        Matcher part = PART.matcher(body);
        int count = 0;
        while (part.find()) {
            byte[] bytes = upload.parts().get(Integer.parseInt(part.group(1)));
            String etag = part.group(2).replace("&quot;", "\"");
            if (bytes == null || !unquoted(etag).equalsIgnoreCase(unquoted(quotedMd5(bytes)))) {
                error(exchange, 400, "InvalidPart");
                return;
            }
            content.writeBytes(bytes);
            partDigests.writeBytes(md5(bytes));
            count++;
        }
        String etag =
                "\"" + HexFormat.of().withUpperCase().formatHex(md5(partDigests.toByteArray())) + "-" + count + "\"";
        uploads.remove(uploadId);
        objects.put(
                key,
                new StoredObject(
                        content.toByteArray(), etag, upload.contentType(), upload.userMetadata(), Instant.now()));
        xml(
                exchange,
                200,
                "<CompleteMultipartUploadResult><Location>" + endpoint() + "/" + bucket + "/" + key
                        + "</Location><Bucket>" + bucket + "</Bucket><Key>" + key + "</Key><ETag>" + etag
                        + "</ETag></CompleteMultipartUploadResult>");
    }

    private void listV2(HttpExchange exchange, Map<String, String> query) throws IOException {
        String prefix = query.getOrDefault("prefix", "");
        String startAfter = query.get("start-after");
        int maxKeys = Integer.parseInt(query.getOrDefault("max-keys", "1000"));
        StringBuilder contents = new StringBuilder();
        int count = 0;
        boolean truncated = false;
        for (Map.Entry<String, StoredObject> entry : new TreeMap<>(objects).entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(prefix) || (startAfter != null && key.compareTo(startAfter) <= 0)) {
                continue;
            }
            if (count == maxKeys) {
                truncated = true;
                break;
            }
            StoredObject object = entry.getValue();
            contents.append("<Contents><Key>")
                    .append(key)
                    .append("</Key><LastModified>")
                    .append(iso(object.lastModified()))
                    .append("</LastModified><ETag>")
                    .append(object.etag())
                    .append("</ETag><Type>Normal</Type><Size>")
                    .append(object.content().length)
                    .append("</Size><StorageClass>Standard</StorageClass></Contents>");
            count++;
        }
        xml(
                exchange,
                200,
                "<ListBucketResult><Name>" + bucket + "</Name><Prefix>" + prefix + "</Prefix>"
                        + (startAfter == null ? "" : "<StartAfter>" + startAfter + "</StartAfter>") + "<MaxKeys>"
                        + maxKeys + "</MaxKeys><Delimiter></Delimiter><IsTruncated>" + truncated
                        + "</IsTruncated><KeyCount>" + count + "</KeyCount>" + contents + "</ListBucketResult>");
    }

    private static Map<String, String> userMetadata(HttpExchange exchange) {
        Map<String, String> metadata = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (name.toLowerCase(Locale.ROOT).startsWith("x-oss-meta-")) {
                metadata.put(name.toLowerCase(Locale.ROOT).substring("x-oss-meta-".length()), values.get(0));
            }
        });
        return Map.copyOf(metadata);
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String unquoted(String etag) {
        String bare = etag.strip();
        return bare.length() >= 2 && bare.startsWith("\"") && bare.endsWith("\"")
                ? bare.substring(1, bare.length() - 1)
                : bare;
    }

    private static String iso(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    private static byte[] md5(byte[] content) {
        try {
            return MessageDigest.getInstance("MD5").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void xml(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static void error(HttpExchange exchange, int status, String code) throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>fake " + code
                + "</Message><RequestId>fake-request</RequestId><HostId>127.0.0.1</HostId></Error>";
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders()
                    .set("x-oss-err", java.util.Base64.getEncoder().encodeToString(body));
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
