package dev.directupload.adapter.web.request;

import dev.directupload.adapter.web.ratelimit.RateLimitSettings;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address a request came from, as the rate limits count it: the connection's remote address. Only when that
 * address is one of {@code upload.rate-limit.trusted-proxies} is {@code X-Forwarded-For} read, from its right end
 * (the entry the proxy appended) leftwards, skipping the trusted proxies: the first address that is not one is the
 * client. A client can prepend anything to the header; it cannot forge what a trusted proxy appended.
 */
@Singleton
public final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<Range> trusted;

    @Inject
    ClientAddress(RateLimitSettings settings) {
        this(settings.trustedProxies());
    }

    /** @param trustedProxies addresses ({@code 10.0.0.5}) or CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}) */
    public ClientAddress(List<String> trustedProxies) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : trustedProxies) {
            ranges.add(Range.parse(entry.trim()));
        }
        this.trusted = List.copyOf(ranges);
    }

    /** The client's address, as text ({@code 203.0.113.7}, {@code 2001:db8:0:0:0:0:0:1}). */
    public String of(HttpRequest<?> request) {
        return resolve(request.getRemoteAddress(), request.getHeaders().getAll("X-Forwarded-For"));
    }

    /** The client's address, given the connection's remote address and the X-Forwarded-For headers. */
    String resolve(InetSocketAddress remote, List<String> forwardedFor) {
        InetAddress peer = remote.getAddress();
        if (peer == null) {
            return remote.getHostString();
        }
        if (!isTrusted(peer)) {
            return peer.getHostAddress();
        }
        List<String> chain = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                chain.add(hop.trim());
            }
        }
        InetAddress client = peer;
        for (int i = chain.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(chain.get(i));
            if (hop == null) {
                break; // not an address: nothing further left can be believed
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        for (Range range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The IP address written in {@code text} (brackets and an IPv4 port allowed), or null; never a DNS lookup. */
    static InetAddress literal(String text) {
        String value = text;
        if (value.startsWith("[") && value.contains("]")) {
            value = value.substring(1, value.indexOf(']'));
        } else if (value.indexOf(':') > 0 && value.indexOf(':') == value.lastIndexOf(':') && value.contains(".")) {
            value = value.substring(0, value.indexOf(':')); // 203.0.113.7:41234
        }
        boolean v4 = IPV4.matcher(value).matches();
        if (v4) {
            for (String octet : value.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return null;
                }
            }
        } else if (!IPV6.matcher(value).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address range: {@code prefix} leading bits of {@code network}. */
    private record Range(byte[] network, int prefix) {

        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            InetAddress address = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException(
                        "upload.rate-limit.trusted-proxies: '" + entry + "' is not an IP address or CIDR range");
            }
            int bits = address.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException(
                            "upload.rate-limit.trusted-proxies: '" + entry + "' has a bad prefix length");
                }
            }
            return new Range(address.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (bytes[full] & mask) == (network[full] & mask);
        }
    }
}
