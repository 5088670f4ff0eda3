package dev.directupload.adapter.minio.object;

import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.domain.shared.ErrorCode;
import io.minio.errors.ErrorResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates io.minio failures at the adapter's edge: nothing from {@code io.minio} leaves it. The exception says only
 * which dependency is down (its message reaches API clients); the store's own error text goes to the log at WARN.
 */
public final class MinioFailures {

    static final ErrorCode UNAVAILABLE = ErrorCode.STORAGE_UNAVAILABLE;
    public static final String MESSAGE = "MinIO is unavailable";
    private static final Logger LOG = LoggerFactory.getLogger(MinioFailures.class);

    private MinioFailures() {}

    static boolean isNoSuchKey(ErrorResponseException e) {
        return "NoSuchKey".equals(e.errorResponse().code());
    }

    public static DependencyUnavailableException unavailable(String what, Exception e) {
        if (e instanceof ErrorResponseException error) {
            LOG.warn(
                    "MinIO {} failed: {} {} (request id {})",
                    what,
                    error.errorResponse().code(),
                    error.errorResponse().message(),
                    error.errorResponse().requestId());
        } else {
            LOG.warn("MinIO {} failed: {}", what, e.toString());
        }
        return new DependencyUnavailableException(UNAVAILABLE, MESSAGE, e);
    }
}
