package dev.directupload.adapter.minio.object;

import dev.directupload.adapter.minio.MinioClients;
import dev.directupload.adapter.minio.MinioProperties;
import dev.directupload.application.port.out.storage.CopyObjectPort;
import dev.directupload.application.port.out.storage.ObjectMetadata;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.storage.ObjectKey;
import io.micronaut.context.annotation.Requires;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * Server-side copies on an S3 store with io.minio {@code copyObject} (S3 CopyObject, metadata directive COPY: the
 * Content-Type goes along, and a single-part source's ETag — its MD5 — is the copy's). One CopyObject takes objects up
 * to 5 GiB; ours are at most 1 GiB, so no multipart {@code composeObject} is needed. The copy is conditional on the
 * ETag the source had when it was read ({@code x-amz-copy-source-if-match}): a source replaced meanwhile is read and
 * copied again, so the answer always describes the bytes copied.
 */
@Singleton
@Requires(property = "storage.provider", value = "minio")
class MinioCopyObjectAdapter implements CopyObjectPort {

    private static final int ATTEMPTS = 3;

    private final MinioClient service;
    private final String bucket;

    MinioCopyObjectAdapter(MinioClients clients, MinioProperties properties) {
        this.service = clients.service();
        this.bucket = properties.bucket();
    }

    @Override
    public Optional<ObjectMetadata> copy(ObjectKey source, ObjectKey target) {
        for (int attempt = 1; ; attempt++) {
            StatObjectResponse stat;
            try {
                stat = service.statObject(StatObjectArgs.builder()
                        .bucket(bucket)
                        .object(source.value())
                        .build());
            } catch (ErrorResponseException e) {
                if (MinioFailures.isNoSuchKey(e)) {
                    return Optional.empty();
                }
                throw MinioFailures.unavailable("stat " + source, e);
            } catch (MinioException | IOException | GeneralSecurityException e) {
                throw MinioFailures.unavailable("stat " + source, e);
            }
            ObjectWriteResponse copied;
            try {
                copied = service.copyObject(CopyObjectArgs.builder()
                        .bucket(bucket)
                        .object(target.value())
                        .source(CopySource.builder()
                                .bucket(bucket)
                                .object(source.value())
                                .matchETag(stat.etag())
                                .build())
                        .build());
            } catch (ErrorResponseException e) {
                String code = e.errorResponse().code();
                boolean changed = "PreconditionFailed".equals(code) || MinioFailures.isNoSuchKey(e);
                if (changed && attempt < ATTEMPTS) {
                    continue;
                }
                if (MinioFailures.isNoSuchKey(e)) {
                    return Optional.empty();
                }
                throw MinioFailures.unavailable("copy " + source + " to " + target, e);
            } catch (MinioException | IOException | GeneralSecurityException e) {
                throw MinioFailures.unavailable("copy " + source + " to " + target, e);
            }
            return Optional.of(new ObjectMetadata(
                    target,
                    ByteSize.ofBytes(stat.size()),
                    ObjectMetadata.md5FromEtag(copied.etag()),
                    Optional.ofNullable(stat.contentType()).filter(type -> !type.isBlank())));
        }
    }
}
