package dev.directupload.bootstrap.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Who may scrape {@code /prometheus}, over real sockets: loopback clients, any client on the management port
 * ({@code endpoints.all.port}), and everyone only with {@code metrics.prometheus.allow-remote=true}. A client that is
 * not on loopback is made by binding the server to this machine's own non-loopback address and connecting to it; on a
 * machine without one, those tests are skipped with a message saying so.
 */
class PrometheusAccessTest {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private record Answer(int status, String body) {}

    private static Answer get(String host, int port, String path) {
        String authority = host.contains(":") ? "[" + host + "]" : host;
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://" + authority + ":" + port + path))
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An IPv4 address of an interface of this machine that is up and not loopback, if there is one. */
    private static Optional<String> nonLoopbackAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address
                            && !address.isLoopbackAddress()
                            && !address.isLinkLocalAddress()
                            && !address.isAnyLocalAddress()) {
                        return Optional.of(address.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String requireNonLoopbackAddress() {
        Optional<String> address = nonLoopbackAddress();
        assumeTrue(
                address.isPresent(),
                "SKIPPED: this machine has no non-loopback IPv4 interface address to bind the server to, so no"
                        + " non-loopback client can be made; remote access to /prometheus was not checked here");
        return address.orElseThrow();
    }

    private static EmbeddedServer start(String host, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put("micronaut.server.host", host);
        properties.put("micronaut.server.port", freePort());
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    private static void assertScrape(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("# TYPE ").contains("jvm_memory_used_bytes");
    }

    private static void assertHidden(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        assertThat(answer.body()).doesNotContain("# TYPE ").doesNotContain("directupload_");
    }

    @Test
    void withAManagementPort_prometheusAndHealthAnswerThere_andNotOnTheApiPort() {
        int managementPort = freePort();
        try (EmbeddedServer server = start("127.0.0.1", Map.of("endpoints.all.port", managementPort))) {
            int apiPort = server.getPort();
            assertThat(apiPort).isNotEqualTo(managementPort);

            assertScrape(get("127.0.0.1", managementPort, "/prometheus"));
            assertThat(get("127.0.0.1", managementPort, "/health").status()).isEqualTo(200);
            assertThat(get("127.0.0.1", managementPort, "/health/readiness").status())
                    .isEqualTo(200);

            assertHidden(get("127.0.0.1", apiPort, "/prometheus"));
            assertThat(get("127.0.0.1", apiPort, "/health").status()).isEqualTo(404);
            assertThat(get("127.0.0.1", apiPort, "/health/readiness").status()).isEqualTo(404);
            // the API itself still answers on its port
            assertThat(get("127.0.0.1", apiPort, "/families").status()).isEqualTo(401);
        }
    }

    @Test
    void withoutAManagementPort_aLoopbackClientMayScrape() {
        try (EmbeddedServer server = start("127.0.0.1", Map.of())) {
            assertScrape(get("127.0.0.1", server.getPort(), "/prometheus"));
        }
    }

    @Test
    void aClientNotOnLoopback_isRefusedByDefault() {
        String address = requireNonLoopbackAddress();
        try (EmbeddedServer server = start(address, Map.of())) {
            assertHidden(get(address, server.getPort(), "/prometheus"));
            // the rest of the service answers that client as usual
            assertThat(get(address, server.getPort(), "/health").status()).isEqualTo(200);
        }
    }

    @Test
    void aClientNotOnLoopback_mayScrapeWithAllowRemote() {
        String address = requireNonLoopbackAddress();
        try (EmbeddedServer server = start(address, Map.of("metrics.prometheus.allow-remote", true))) {
            assertScrape(get(address, server.getPort(), "/prometheus"));
        }
    }

    @Test
    void aClientNotOnLoopback_mayScrapeOnTheManagementPort_butNotOnTheApiPort() {
        String address = requireNonLoopbackAddress();
        int managementPort = freePort();
        try (EmbeddedServer server = start(address, Map.of("endpoints.all.port", managementPort))) {
            assertScrape(get(address, managementPort, "/prometheus"));
            assertHidden(get(address, server.getPort(), "/prometheus"));
        }
    }
}
