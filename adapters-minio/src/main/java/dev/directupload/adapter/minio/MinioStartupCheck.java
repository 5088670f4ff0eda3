package dev.directupload.adapter.minio;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.minio.BucketExistsArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails the start when the store cannot be used: the endpoint unreachable, the key refused, or the bucket missing
 * ({@code bucketExists} once, within the client's 5 s connect timeout).
 */
@Context
@Requires(property = "storage.provider", value = "minio")
class MinioStartupCheck {

    private static final Logger LOG = LoggerFactory.getLogger(MinioStartupCheck.class);

    MinioStartupCheck(MinioProperties properties, MinioClients clients) {
        boolean exists;
        try {
            exists = clients.service()
                    .bucketExists(BucketExistsArgs.builder()
                            .bucket(properties.bucket())
                            .build());
        } catch (ErrorResponseException e) {
            throw new IllegalStateException(
                    "MinIO storage at " + properties.endpoint() + " (minio.endpoint) refused "
                            + "to check bucket " + properties.bucket() + ": "
                            + e.errorResponse().code() + " (HTTP "
                            + e.response().code() + "); check minio.access-key / minio.secret-key and minio.region",
                    e);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "MinIO storage at " + properties.endpoint() + " (minio.endpoint) is " + "unreachable: " + e, e);
        } catch (MinioException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException(
                    "MinIO storage at " + properties.endpoint() + " (minio.endpoint) could " + "not be checked: " + e,
                    e);
        }
        if (!exists) {
            throw new IllegalStateException("MinIO bucket " + properties.bucket() + " (minio.bucket) does not exist at "
                    + properties.endpoint() + "; create it first");
        }
        LOG.info(
                "MinIO storage: bucket {} at {} (region {}), clients post to {}",
                properties.bucket(),
                properties.endpoint(),
                properties.region(),
                properties.uploadUrl());
    }
}
