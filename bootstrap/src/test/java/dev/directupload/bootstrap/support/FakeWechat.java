package dev.directupload.bootstrap.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WeChat's jscode2session on 127.0.0.1 for tests: code "good-NAME" logs in openid "open-NAME"; "slow" answers
 * after 10 s; anything else, or a wrong appid/secret, gets an errcode.
 */
public final class FakeWechat implements AutoCloseable {

    public static final String APP_ID = "wx-test-app";
    public static final String APP_SECRET = "test-secret";

    private final HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();

    public FakeWechat() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/sns/jscode2session", exchange -> {
            calls.incrementAndGet();
            String query = exchange.getRequestURI().getQuery();
            String code = query.replaceAll(".*js_code=([^&]*).*", "$1");
            String body;
            if (!query.contains("appid=" + APP_ID) || !query.contains("secret=" + APP_SECRET)) {
                body = "{\"errcode\":40013,\"errmsg\":\"invalid appid\"}";
            } else if (code.startsWith("good-")) {
                body = "{\"openid\":\"open-" + code.substring(5) + "\",\"session_key\":\"x\",\"unionid\":\"union-1\"}";
            } else if (code.equals("slow")) {
                sleep(10_000);
                body = "{\"openid\":\"late\"}";
            } else {
                body = "{\"errcode\":40029,\"errmsg\":\"invalid code\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** jscode2session calls received so far. */
    public int calls() {
        return calls.get();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
