package dev.directupload.adapter.web.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static InetSocketAddress peer(String ip) {
        return new InetSocketAddress(ClientAddress.literal(ip), 50_000);
    }

    @Test
    void withoutTrustedProxies_theConnectionsAddressCounts_andForwardedForIsIgnored() {
        ClientAddress addresses = new ClientAddress(List.of());
        assertThat(addresses.resolve(peer("203.0.113.7"), List.of("198.51.100.1")))
                .isEqualTo("203.0.113.7");
        assertThat(addresses.resolve(peer("127.0.0.1"), List.of("198.51.100.1, 10.0.0.1")))
                .isEqualTo("127.0.0.1");
    }

    @Test
    void aTrustedProxysForwardedFor_isReadFromTheRight_skippingTrustedHops() {
        ClientAddress addresses = new ClientAddress(List.of("10.0.0.0/8", "192.0.2.10"));
        assertThat(addresses.resolve(peer("10.1.2.3"), List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        // a client that prepends a forged entry: the proxy appended the real one at the right
        assertThat(addresses.resolve(peer("10.1.2.3"), List.of("1.1.1.1, 198.51.100.1")))
                .isEqualTo("198.51.100.1");
        // two trusted hops (edge proxy 192.0.2.10, then the load balancer 10.1.2.3)
        assertThat(addresses.resolve(peer("10.1.2.3"), List.of("1.1.1.1, 198.51.100.1", "192.0.2.10")))
                .isEqualTo("198.51.100.1");
        assertThat(addresses.resolve(peer("10.1.2.3"), List.of()))
                .as("no header")
                .isEqualTo("10.1.2.3");
        assertThat(addresses.resolve(peer("10.1.2.3"), List.of("unknown, 198.51.100.1")))
                .isEqualTo("198.51.100.1");
        assertThat(addresses.resolve(peer("10.1.2.3"), List.of("198.51.100.1, not-an-address")))
                .as("garbage appended by the trusted hop: stop at the proxy")
                .isEqualTo("10.1.2.3");
        assertThat(addresses.resolve(peer("198.51.100.9"), List.of("1.1.1.1")))
                .as("an untrusted peer's header is ignored")
                .isEqualTo("198.51.100.9");
    }

    @Test
    void ipv6AndPorts() {
        ClientAddress addresses = new ClientAddress(List.of("fd00::/8"));
        assertThat(addresses.resolve(peer("fd00::1"), List.of("[2001:db8::7]:443")))
                .isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(addresses.resolve(peer("fd00::1"), List.of("203.0.113.7:41234")))
                .isEqualTo("203.0.113.7");
        assertThat(addresses.resolve(peer("fd12::1"), List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(addresses.resolve(peer("2001:db8::9"), List.of("203.0.113.7")))
                .isEqualTo("2001:db8:0:0:0:0:0:9");
    }

    @Test
    void literalsNeverResolveNames() {
        assertThat(ClientAddress.literal("example.com")).isNull();
        assertThat(ClientAddress.literal("999.1.1.1")).isNull();
        assertThat(ClientAddress.literal("cafe")).isNull();
        assertThat(ClientAddress.literal("")).isNull();
    }

    @Test
    void badTrustedProxiesStopTheStart() {
        assertThatThrownBy(() -> new ClientAddress(List.of("proxy.internal")))
                .hasMessageContaining("upload.rate-limit.trusted-proxies: 'proxy.internal'");
        assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33"))).hasMessageContaining("prefix length");
    }
}
