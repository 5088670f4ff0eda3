package dev.directupload.bootstrap.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Development login gives anyone who reaches the service any identity: while it is on, the service listens on
 * 127.0.0.1 unless {@code micronaut.server.host} is set, and the start warns once. Checked on the real listening
 * socket: a connection to this machine's LAN address is refused unless the host was set.
 */
class DevLoginBindingTest {

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.directupload.bootstrap.DevLoginBinding");

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
    }

    private static Map<String, Object> localStore(String name) {
        Map<String, Object> props = new HashMap<>();
        props.put("datasources.default.url", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        props.put("local-storage.root", "target/test-data/binding-" + name);
        props.put("auth.jwt.secret-file", "target/test-data/jwt-secret");
        props.put("upload.sweep-enabled", false);
        props.put("micronaut.server.port", -1);
        return props;
    }

    /** A non-loopback IPv4 address of this machine, if it has one. */
    private static Optional<InetAddress> lanAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private List<String> warnings() {
        return log.list.stream()
                .filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void devLoginOn_listensOnLoopbackOnly_andWarnsOnce() throws Exception {
        Optional<InetAddress> lan = lanAddress();
        assumeTrue(lan.isPresent(), "SKIPPED: this machine has no non-loopback IPv4 address to try");

        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, localStore("loopback"))) {
            assertThat(accepts(InetAddress.getByName("127.0.0.1"), server.getPort()))
                    .isTrue();
            assertThat(accepts(lan.get(), server.getPort()))
                    .as("dev login on, no micronaut.server.host: %s must not be reachable", lan.get())
                    .isFalse();
        }
        assertThat(warnings())
                .singleElement()
                .asString()
                .contains("Development login is on", "anyone", "127.0.0.1", "micronaut.server.host");
    }

    @Test
    void devLoginOn_withAnExplicitHost_listensThere_andWarnsNamingIt() throws Exception {
        Optional<InetAddress> lan = lanAddress();
        assumeTrue(lan.isPresent(), "SKIPPED: this machine has no non-loopback IPv4 address to try");
        Map<String, Object> props = localStore("explicit");
        props.put("micronaut.server.host", "0.0.0.0");

        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
            assertThat(accepts(lan.get(), server.getPort()))
                    .as("micronaut.server.host=0.0.0.0 is respected")
                    .isTrue();
        }
        assertThat(warnings()).singleElement().asString().contains("Development login is on", "0.0.0.0", "anyone");
    }

    @Test
    void devLoginOff_keepsTheDefaultBinding_andSaysNothing() throws Exception {
        Optional<InetAddress> lan = lanAddress();
        assumeTrue(lan.isPresent(), "SKIPPED: this machine has no non-loopback IPv4 address to try");
        Map<String, Object> props = localStore("off");
        props.put("auth.dev-login.enabled", false);

        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
            assertThat(accepts(lan.get(), server.getPort())).isTrue();
        }
        assertThat(warnings()).isEmpty();
    }
}
