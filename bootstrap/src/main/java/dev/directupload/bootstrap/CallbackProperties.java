package dev.directupload.bootstrap;

import dev.directupload.application.port.out.storage.UploadCallbackRequest;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * {@code oss.callback.url}: where OSS (or the local store, which emulates it) posts the upload callback, i.e. this
 * service's {@code POST /oss/callback} as the storage reaches it. Unset (the default): forms carry no callback and
 * clients call {@code complete}. MinIO/S3 forms never carry one.
 */
@ConfigurationProperties("oss.callback")
record CallbackProperties(@Nullable String url) {

    CallbackProperties {
        url = url == null || url.isBlank() ? null : url.strip();
        if (url != null) {
            try {
                UploadCallbackRequest.requireCallbackUrl(new URI(url));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("oss.callback.url is not a URL: " + url, e);
            }
        }
    }

    Optional<URI> uri() {
        return Optional.ofNullable(url).map(URI::create);
    }
}
