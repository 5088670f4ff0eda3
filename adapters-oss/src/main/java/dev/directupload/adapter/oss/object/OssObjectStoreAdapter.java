package dev.directupload.adapter.oss.object;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.HttpMethod;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.GeneratePresignedUrlRequest;
import dev.directupload.adapter.oss.OssProperties;
import dev.directupload.application.port.model.DownloadUrl;
import dev.directupload.application.port.out.storage.DeleteObjectPort;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.ObjectMetadata;
import dev.directupload.application.port.out.storage.PresignDownloadPort;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.storage.ObjectKey;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;

/**
 * The service's own calls to OSS (HEAD, V4 presigned GET, delete) with its RAM identity; SDK exceptions are
 * translated here: a missing key is an empty answer, anything else {@code storage_unavailable}. The MD5 of an object
 * copied in parts comes from {@link ContentMd5}.
 */
@Singleton
@Requires(property = "storage.provider", value = "oss")
class OssObjectStoreAdapter implements InspectObjectPort, PresignDownloadPort, DeleteObjectPort {

    /** OSS accepts {@code x-oss-expires} of 1 s .. 7 days. */
    static final Duration MAX_DOWNLOAD_TTL = Duration.ofDays(7);

    private final OSS client;
    private final String bucket;
    private final Clock clock;

    OssObjectStoreAdapter(OSS client, OssProperties properties, Clock clock) {
        this.client = client;
        this.bucket = properties.bucket();
        this.clock = clock;
    }

    @Override
    public Optional<ObjectMetadata> inspect(ObjectKey key) {
        com.aliyun.oss.model.ObjectMetadata head;
        try {
            head = client.getObjectMetadata(bucket, key.value());
        } catch (OSSException e) {
            if (OssFailures.isNoSuchKey(e)) {
                return Optional.empty();
            }
            throw OssFailures.unavailable("HEAD " + key, e);
        } catch (ClientException e) {
            throw OssFailures.unavailable("HEAD " + key, e);
        }
        return Optional.of(new ObjectMetadata(
                key,
                ByteSize.ofBytes(head.getContentLength()),
                ContentMd5.of(head),
                Optional.ofNullable(head.getContentType()).filter(type -> !type.isBlank())));
    }

    @Override
    public DownloadUrl presign(ObjectKey key, Duration ttl) {
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_DOWNLOAD_TTL) > 0) {
            throw new IllegalArgumentException("download URL ttl must be 1 s .. 7 days, was " + ttl);
        }
        Instant expiresAt = clock.instant().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        GeneratePresignedUrlRequest request = new GeneratePresignedUrlRequest(bucket, key.value(), HttpMethod.GET);
        request.setExpiration(Date.from(expiresAt));
        try {
            return new DownloadUrl(client.generatePresignedUrl(request).toString(), expiresAt);
        } catch (ClientException e) {
            throw OssFailures.unavailable("presign GET " + key, e);
        }
    }

    @Override
    public void delete(ObjectKey key) {
        try {
            client.deleteObject(bucket, key.value());
        } catch (OSSException e) {
            if (!OssFailures.isNoSuchKey(e)) {
                throw OssFailures.unavailable("DELETE " + key, e);
            }
        } catch (ClientException e) {
            throw OssFailures.unavailable("DELETE " + key, e);
        }
    }
}
