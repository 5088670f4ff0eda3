package dev.directupload.adapter.localstorage;

import io.micronaut.context.BeanProvider;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;

/**
 * Where clients reach the local bucket: {@code {public-url}/local-oss/{bucket}}, the public URL being
 * {@code local-storage.public-url} or else this server's own URL.
 */
@Singleton
@LocalStorageSelected
public final class BucketUrl {

    public static final String PATH = "/local-oss";

    private final LocalStorageProperties properties;
    private final BeanProvider<EmbeddedServer> server;
    private volatile String serverUrl;

    BucketUrl(LocalStorageProperties properties, BeanProvider<EmbeddedServer> server) {
        this.properties = properties;
        this.server = server;
    }

    public String value() {
        return storeUrl() + "/" + properties.bucket();
    }

    /** The store's own root, {@code {public-url}/local-oss}. */
    public String storeUrl() {
        return publicUrl() + PATH;
    }

    private String publicUrl() {
        if (properties.publicUrl() != null) {
            return properties.publicUrl();
        }
        String known = serverUrl;
        if (known != null) {
            return known;
        }
        EmbeddedServer embedded = server.find(null)
                .orElseThrow(() -> new IllegalStateException(
                        "local-storage.public-url is not set and no embedded server runs to take the URL from"));
        if (!embedded.isRunning()) {
            return trimmed(embedded.getURL().toString());
        }
        // a running server keeps its URL: looked up once, not per signed form (issue 14)
        serverUrl = trimmed(embedded.getURL().toString());
        return serverUrl;
    }

    private static String trimmed(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
