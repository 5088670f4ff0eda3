package dev.directupload.adapter.minio;

import dev.directupload.settings.InvalidSettingsException;
import dev.directupload.settings.Problem;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.minio.BucketExistsArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails the start when the store cannot be used: the endpoint unreachable, the key refused, or the bucket missing
 * ({@code bucketExists} once, within the client's 5 s connect timeout). These are reported like broken settings (one
 * readable block naming the setting to fix, no stack trace); the settings check has run before.
 */
@Context
@Requires(property = "storage.provider", value = "minio")
class MinioStartupCheck {

    private static final Logger LOG = LoggerFactory.getLogger(MinioStartupCheck.class);

    MinioStartupCheck(MinioProperties properties, MinioClients clients) {
        String where = "MinIO storage at " + properties.endpoint() + " (minio.endpoint)";
        boolean exists;
        try {
            exists = clients.service()
                    .bucketExists(BucketExistsArgs.builder()
                            .bucket(properties.bucket())
                            .build());
        } catch (ErrorResponseException e) {
            throw refused(
                    new Problem(
                            "minio.access-key",
                            properties.accessKey(),
                            "a key the store accepts: " + where + " refused to check bucket " + properties.bucket()
                                    + ": " + e.errorResponse().code() + " (HTTP "
                                    + e.response().code()
                                    + "); check minio.access-key / minio.secret-key and minio.region"),
                    e);
        } catch (IOException e) {
            throw refused(
                    new Problem(
                            "minio.endpoint", properties.endpoint(), "reachable: " + where + " is unreachable: " + e),
                    e);
        } catch (MinioException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException(where + " could not be checked: " + e, e);
        }
        if (!exists) {
            throw refused(
                    new Problem(
                            "minio.bucket",
                            properties.bucket(),
                            "an existing bucket: MinIO bucket " + properties.bucket()
                                    + " (minio.bucket) does not exist at " + properties.endpoint()
                                    + "; create it first"),
                    null);
        }
        LOG.info(
                "MinIO storage: bucket {} at {} (region {}), clients post to {}",
                properties.bucket(),
                properties.endpoint(),
                properties.region(),
                properties.uploadUrl());
    }

    private static InvalidSettingsException refused(Problem problem, Exception cause) {
        return new InvalidSettingsException(List.of(problem), cause);
    }
}
