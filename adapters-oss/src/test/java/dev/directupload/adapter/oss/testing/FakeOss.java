package dev.directupload.adapter.oss.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny OSS stand-in on 127.0.0.1 (path-style {@code /bucket/key}): objects with size, ETag and type; HEAD, GET and
 * DELETE answered as OSS does (404 with {@code x-oss-err} / XML error bodies); a scripted failure status; every
 * request recorded for the test to inspect.
 */
public final class FakeOss implements AutoCloseable {

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
    public record StoredObject(byte[] content, String etag, String contentType) {}

    private final HttpServer server;
    private final String bucket;
    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
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

    public List<Seen> seen() {
        return seen;
    }

    /** Answer every request with this status and OSS error code; 0 to behave again. */
    public void failWith(int status, String code) {
        this.failStatus = status;
        this.failCode = code;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        seen.add(new Seen(
                method, rawPath, exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders())));
        exchange.getRequestBody().readAllBytes();
        String prefix = "/" + bucket + "/";
        String key =
                rawPath.startsWith(prefix) ? exchange.getRequestURI().getPath().substring(prefix.length()) : null;
        exchange.getResponseHeaders().set("x-oss-request-id", "fake-request");
        if (failStatus != 0) {
            error(exchange, failStatus, failCode);
            return;
        }
        if (key == null) {
            error(exchange, 404, "NoSuchBucket");
            return;
        }
        StoredObject object = objects.get(key);
        switch (method) {
            case "HEAD", "GET" -> {
                if (object == null) {
                    error(exchange, 404, "NoSuchKey");
                    return;
                }
                exchange.getResponseHeaders().set("ETag", object.etag());
                exchange.getResponseHeaders().set("Content-Type", object.contentType());
                if (method.equals("HEAD")) {
                    exchange.getResponseHeaders().set("Content-Length", String.valueOf(object.content().length));
                    exchange.sendResponseHeaders(200, -1);
                } else {
                    exchange.sendResponseHeaders(200, object.content().length);
                    exchange.getResponseBody().write(object.content());
                }
            }
            case "DELETE" -> {
                objects.remove(key);
                exchange.sendResponseHeaders(204, -1);
            }
            default -> error(exchange, 405, "MethodNotAllowed");
        }
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
