package dev.directupload.adapter.oss.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A fake STS on 127.0.0.1 (random port) answering AssumeRole as the real one does (JSON), counting calls; it can
 * answer slowly or fail on demand. It does not check request signatures.
 */
public final class FakeSts implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;
    private volatile Duration lifetime = Duration.ofHours(1);
    private volatile int failStatus;
    private volatile Supplier<Instant> now = Instant::now;

    public FakeSts() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int calls() {
        return calls.get();
    }

    public List<Map<String, String>> requests() {
        return requests;
    }

    public FakeSts answerSlowly(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** Credentials issued expire this long after {@link #clock}'s now (real STS: the asked DurationSeconds). */
    public FakeSts issueFor(Duration lifetime) {
        this.lifetime = lifetime;
        return this;
    }

    public FakeSts clock(Supplier<Instant> now) {
        this.now = now;
        return this;
    }

    /** Answer every call with this HTTP status and an STS error body; 0 to answer normally again. */
    public FakeSts failWith(int status) {
        this.failStatus = status;
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        int n = calls.incrementAndGet();
        Map<String, String> params = new LinkedHashMap<>();
        parse(exchange.getRequestURI().getRawQuery(), params);
        parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
        requests.add(params);
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String body;
        int status;
        if (failStatus != 0) {
            status = failStatus;
            body = "{\"RequestId\":\"fake-" + n + "\",\"HostId\":\"sts.aliyuncs.com\",\"Code\":\"InternalError\","
                    + "\"Message\":\"fake STS is down\"}";
        } else if (!"AssumeRole".equals(params.get("Action"))) {
            status = 400;
            body = "{\"RequestId\":\"fake-" + n + "\",\"HostId\":\"sts.aliyuncs.com\",\"Code\":\"InvalidAction\","
                    + "\"Message\":\"unexpected action\"}";
        } else {
            status = 200;
            Instant expiration = now.get().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
            body = "{\"RequestId\":\"fake-" + n + "\",\"AssumedRoleUser\":{\"AssumedRoleId\":\"3000:"
                    + params.get("RoleSessionName") + "\",\"Arn\":\"" + params.get("RoleArn") + "/"
                    + params.get("RoleSessionName") + "\"},\"Credentials\":{\"SecurityToken\":\"CAIS/fakeToken+" + n
                    + "==\",\"AccessKeyId\":\"STS.fakeKey" + n + "\",\"AccessKeySecret\":\"fakeSecret/" + n
                    + "\",\"Expiration\":\"" + expiration + "\"}}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void parse(String encoded, Map<String, String> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            into.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
