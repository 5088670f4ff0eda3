package dev.directupload.adapter.oss.object;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSErrorCode;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.UploadPartCopyRequest;
import dev.directupload.adapter.oss.OssProperties;
import dev.directupload.application.port.out.storage.CopyObjectPort;
import dev.directupload.application.port.out.storage.ObjectMetadata;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.storage.ObjectKey;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side copies on OSS with the service's RAM identity. Below {@link #SINGLE_COPY_LIMIT} one {@code CopyObject}
 * (OSS copies objects under 1 GB that way; the copy keeps the source's ETag, its MD5, and its Content-Type); at and
 * above it, a multipart copy ({@code InitiateMultipartUpload}, {@code UploadPartCopy} per part,
 * {@code CompleteMultipartUpload}) whose ETag is no MD5, so the source's MD5 is recorded on the target as
 * {@code x-oss-meta-content-md5} (see {@link ContentMd5}). Every request of a copy is conditional on the ETag the
 * source had when it was read ({@code x-oss-copy-source-if-match}): a source replaced meanwhile fails the copy, which
 * is then retried on the new version, so the metadata answered always describes the bytes copied.
 */
@Singleton
@Requires(property = "storage.provider", value = "oss")
class OssCopyObjectAdapter implements CopyObjectPort {

    private static final Logger LOG = LoggerFactory.getLogger(OssCopyObjectAdapter.class);

    /** Objects of this size and more are copied in parts: a single OSS CopyObject takes objects under 1 GB only. */
    static final long SINGLE_COPY_LIMIT = 1_000_000_000L;
    /** The size of each part of a multipart copy (OSS: 100 KB .. 5 GB, at most 10,000 parts). */
    static final long PART_SIZE = 128L * 1024 * 1024;

    private static final int ATTEMPTS = 3;

    private final OSS client;
    private final String bucket;
    private final long multipartThreshold;
    private final long partSize;

    @Inject
    OssCopyObjectAdapter(OSS client, OssProperties properties) {
        this(client, properties.bucket(), SINGLE_COPY_LIMIT, PART_SIZE);
    }

    /** With a threshold and part size of the caller's choice (tests copy small objects in parts). */
    OssCopyObjectAdapter(OSS client, String bucket, long multipartThreshold, long partSize) {
        if (multipartThreshold > SINGLE_COPY_LIMIT || partSize < 1) {
            throw new IllegalArgumentException(
                    "multipart copy threshold must be at most " + SINGLE_COPY_LIMIT + " and the part size positive");
        }
        this.client = client;
        this.bucket = bucket;
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
    }

    @Override
    public Optional<ObjectMetadata> copy(ObjectKey source, ObjectKey target) {
        for (int attempt = 1; ; attempt++) {
            com.aliyun.oss.model.ObjectMetadata head;
            try {
                head = client.getObjectMetadata(bucket, source.value());
            } catch (OSSException e) {
                if (OssFailures.isNoSuchKey(e)) {
                    return Optional.empty();
                }
                throw OssFailures.unavailable("HEAD " + source, e);
            } catch (ClientException e) {
                throw OssFailures.unavailable("HEAD " + source, e);
            }
            Optional<ContentHash> md5 = ContentMd5.of(head);
            try {
                if (head.getContentLength() < multipartThreshold) {
                    copyWhole(source, target, head.getETag());
                } else {
                    copyInParts(source, target, head, md5);
                }
            } catch (OSSException e) {
                boolean changed = OSSErrorCode.PRECONDITION_FAILED.equals(e.getErrorCode());
                boolean gone = OssFailures.isNoSuchKey(e);
                if ((changed || gone) && attempt < ATTEMPTS) {
                    LOG.info("OSS copy {} -> {}: the source changed while copying, copying again", source, target);
                    continue;
                }
                if (gone) {
                    return Optional.empty();
                }
                throw OssFailures.unavailable("copy " + source + " to " + target, e);
            } catch (ClientException e) {
                throw OssFailures.unavailable("copy " + source + " to " + target, e);
            }
            return Optional.of(new ObjectMetadata(
                    target,
                    ByteSize.ofBytes(head.getContentLength()),
                    md5,
                    Optional.ofNullable(head.getContentType()).filter(type -> !type.isBlank())));
        }
    }

    /** One CopyObject: bytes, Content-Type and user metadata as the source's (metadata directive COPY). */
    private void copyWhole(ObjectKey source, ObjectKey target, String etag) {
        CopyObjectRequest request = new CopyObjectRequest(bucket, source.value(), bucket, target.value());
        request.setMatchingETagConstraints(List.of(etag));
        client.copyObject(request);
    }

    private void copyInParts(
            ObjectKey source, ObjectKey target, com.aliyun.oss.model.ObjectMetadata head, Optional<ContentHash> md5) {
        com.aliyun.oss.model.ObjectMetadata targetMetadata = new com.aliyun.oss.model.ObjectMetadata();
        if (head.getContentType() != null) {
            targetMetadata.setContentType(head.getContentType());
        }
        md5.ifPresent(hash -> targetMetadata.addUserMetadata(ContentMd5.USER_METADATA_KEY, hash.md5()));
        String uploadId = client.initiateMultipartUpload(
                        new InitiateMultipartUploadRequest(bucket, target.value(), targetMetadata))
                .getUploadId();
        try {
            long size = head.getContentLength();
            List<PartETag> parts = new ArrayList<>();
            int partNumber = 1;
            for (long begin = 0; begin < size; begin += partSize, partNumber++) {
                UploadPartCopyRequest part = new UploadPartCopyRequest(
                        bucket,
                        source.value(),
                        bucket,
                        target.value(),
                        uploadId,
                        partNumber,
                        begin,
                        Math.min(partSize, size - begin));
                part.setMatchingETagConstraints(List.of(head.getETag()));
                parts.add(client.uploadPartCopy(part).getPartETag());
            }
            client.completeMultipartUpload(new CompleteMultipartUploadRequest(bucket, target.value(), uploadId, parts));
        } catch (RuntimeException e) {
            abort(target, uploadId);
            throw e;
        }
    }

    private void abort(ObjectKey target, String uploadId) {
        try {
            client.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, target.value(), uploadId));
        } catch (RuntimeException e) {
            LOG.warn("OSS: could not abort multipart copy {} to {}: {}", uploadId, target, e.toString());
        }
    }
}
