package dev.directupload.adapter.minio.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** A loopback port that nothing listens on (bound once, then released), for "endpoint unreachable" tests. */
public final class ClosedPort {

    private ClosedPort() {}

    /** {@code http://127.0.0.1:PORT} where nothing answers. */
    public static String url() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
