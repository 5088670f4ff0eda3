package dev.directupload.adapter.minio.object;

import dev.directupload.adapter.minio.MinioClients;
import dev.directupload.adapter.minio.MinioProperties;
import dev.directupload.application.port.model.DownloadUrl;
import dev.directupload.application.port.out.storage.DeleteObjectPort;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.ObjectMetadata;
import dev.directupload.application.port.out.storage.PresignDownloadPort;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.storage.ObjectKey;
import io.micronaut.context.annotation.Requires;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.http.Method;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The service's own calls to the S3 store (stat, presigned GET, delete); io.minio exceptions are translated here: a
 * missing key is an empty answer, anything else {@code storage_unavailable}.
 */
@Singleton
@Requires(property = "storage.provider", value = "minio")
class MinioObjectStoreAdapter implements InspectObjectPort, PresignDownloadPort, DeleteObjectPort {

    /** SigV4 presigned URLs live 1 s .. 7 days. */
    static final Duration MAX_DOWNLOAD_TTL = Duration.ofDays(7);

    private final MinioClient service;
    private final MinioClient publicSigner;
    private final String bucket;
    private final Clock clock;

    MinioObjectStoreAdapter(MinioClients clients, MinioProperties properties, Clock clock) {
        this.service = clients.service();
        this.publicSigner = clients.publicSigner();
        this.bucket = properties.bucket();
        this.clock = clock;
    }

    @Override
    public Optional<ObjectMetadata> inspect(ObjectKey key) {
        StatObjectResponse stat;
        try {
            stat = service.statObject(
                    StatObjectArgs.builder().bucket(bucket).object(key.value()).build());
        } catch (ErrorResponseException e) {
            if (MinioFailures.isNoSuchKey(e)) {
                return Optional.empty();
            }
            throw MinioFailures.unavailable("stat " + key, e);
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw MinioFailures.unavailable("stat " + key, e);
        }
        return Optional.of(new ObjectMetadata(
                key,
                ByteSize.ofBytes(stat.size()),
                ObjectMetadata.md5FromEtag(stat.etag()),
                Optional.ofNullable(stat.contentType()).filter(type -> !type.isBlank())));
    }

    /** Signed for {@code minio.public-url}, since the host is part of a SigV4 signature; makes no call. */
    @Override
    public DownloadUrl presign(ObjectKey key, Duration ttl) {
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_DOWNLOAD_TTL) > 0) {
            throw new IllegalArgumentException("download URL ttl must be 1 s .. 7 days, was " + ttl);
        }
        long seconds = ttl.toSeconds();
        Instant expiresAt = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(seconds);
        try {
            String url = publicSigner.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(Method.GET)
                    .bucket(bucket)
                    .object(key.value())
                    .expiry((int) seconds, TimeUnit.SECONDS)
                    .build());
            return new DownloadUrl(url, expiresAt);
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw MinioFailures.unavailable("presign GET " + key, e);
        }
    }

    @Override
    public void delete(ObjectKey key) {
        try {
            service.removeObject(RemoveObjectArgs.builder()
                    .bucket(bucket)
                    .object(key.value())
                    .build());
        } catch (ErrorResponseException e) {
            if (!MinioFailures.isNoSuchKey(e)) {
                throw MinioFailures.unavailable("delete " + key, e);
            }
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw MinioFailures.unavailable("delete " + key, e);
        }
    }
}
