package dev.directupload.adapter.minio;

import io.minio.MinioClient;
import java.util.Objects;

/**
 * The adapter's two io.minio clients, both with the configured key and a fixed region (so signing never asks the
 * store for a bucket location).
 *
 * @param service talks to {@code minio.endpoint}: stat, delete, the start-up check, POST policy signing
 * @param publicSigner only signs (no call is made with it): presigned GETs for {@code minio.public-url}, whose host
 *     is part of the signature; the same instance as {@code service} when both URLs are equal
 */
public record MinioClients(MinioClient service, MinioClient publicSigner) implements AutoCloseable {

    public MinioClients {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(publicSigner, "publicSigner");
    }

    @Override
    public void close() throws Exception {
        try {
            service.close();
        } finally {
            if (publicSigner != service) {
                publicSigner.close();
            }
        }
    }
}
