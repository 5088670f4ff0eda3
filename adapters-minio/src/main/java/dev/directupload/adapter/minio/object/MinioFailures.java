package dev.directupload.adapter.minio.object;

import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.domain.shared.ErrorCode;
import io.minio.errors.ErrorResponseException;

/** Translates io.minio failures at the adapter's edge: nothing from {@code io.minio} leaves it. */
final class MinioFailures {

    static final ErrorCode UNAVAILABLE = ErrorCode.STORAGE_UNAVAILABLE;

    private MinioFailures() {}

    static boolean isNoSuchKey(ErrorResponseException e) {
        return "NoSuchKey".equals(e.errorResponse().code());
    }

    static DependencyUnavailableException unavailable(String what, Exception e) {
        String code = e instanceof ErrorResponseException error
                ? error.errorResponse().code()
                : e.getClass().getSimpleName();
        return new DependencyUnavailableException(UNAVAILABLE, "MinIO " + what + " failed: " + code, e);
    }
}
