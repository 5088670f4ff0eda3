package dev.directupload.bootstrap.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands between the storage and the service's {@code /oss/callback} on 127.0.0.1, as a network would: it passes each
 * upload callback on unchanged (path, query, signature headers, body) and the service's answer back, or, while held,
 * keeps it and answers 503, as a callback that never arrived. Held callbacks can be delivered later, as they are or
 * altered.
 */
public final class CallbackRelay implements AutoCloseable {

    /** A callback as the storage sent it. */
    public record Callback(String pathAndQuery, String authorization, String publicKeyUrl, byte[] body) {

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The service's answer to a delivered callback. */
    public record Answer(int status, String body) {}

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final HttpServer server;
    private final List<Callback> held = new CopyOnWriteArrayList<>();
    private volatile boolean holding;
    private volatile String target;

    public CallbackRelay() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            URI uri = exchange.getRequestURI();
            Callback callback = new Callback(
                    uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
                    exchange.getRequestHeaders().getFirst("authorization"),
                    exchange.getRequestHeaders().getFirst("x-oss-pub-key-url"),
                    exchange.getRequestBody().readAllBytes());
            Answer answer;
            if (holding) {
                held.add(callback);
                answer = new Answer(503, "{\"held\":true}");
            } else {
                answer = deliver(callback);
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    /** Where the storage should post callbacks: this relay's {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The service's base URL, e.g. {@code http://localhost:8080}. */
    public void target(String serviceUrl) {
        this.target = serviceUrl.endsWith("/") ? serviceUrl.substring(0, serviceUrl.length() - 1) : serviceUrl;
    }

    /** While holding, callbacks are kept and answered 503 instead of passed on. */
    public void hold(boolean hold) {
        this.holding = hold;
    }

    public List<Callback> held() {
        return List.copyOf(held);
    }

    public void clear() {
        held.clear();
    }

    /** Posts a callback to the service now; a {@code null} header is left out. */
    public Answer deliver(Callback callback) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + callback.pathAndQuery()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(callback.body()));
        Optional.ofNullable(callback.authorization()).ifPresent(v -> request.header("authorization", v));
        Optional.ofNullable(callback.publicKeyUrl()).ifPresent(v -> request.header("x-oss-pub-key-url", v));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(502, "{\"relay\":\"" + e.getClass().getSimpleName() + "\"}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(502, "{}");
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
