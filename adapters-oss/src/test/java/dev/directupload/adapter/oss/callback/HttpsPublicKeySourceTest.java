package dev.directupload.adapter.oss.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The key fetcher never goes over plain HTTP, even if asked to. */
class HttpsPublicKeySourceTest {

    @Test
    void aPlainHttpUrl_isRefusedWithoutAnyRequest() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/callback_pub_key_v1.pem";
            assertThatThrownBy(() -> new HttpsPublicKeySource().fetchPem(url))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("https only");
            assertThat(requests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }
}
