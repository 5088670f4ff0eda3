package dev.directupload.adapter.localstorage;

import dev.directupload.adapter.localstorage.disk.ObjectDirectory;
import dev.directupload.adapter.localstorage.signing.PresignedGet;
import dev.directupload.application.port.out.storage.DeleteObjectPort;
import dev.directupload.application.port.out.storage.DownloadUrl;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.ObjectMetadata;
import dev.directupload.application.port.out.storage.PresignDownloadPort;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.storage.ObjectKey;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/** Inspection, presigned downloads and deletion over the local bucket's directory. */
@Singleton
@LocalStorageSelected
final class LocalObjectStoreAdapter implements InspectObjectPort, PresignDownloadPort, DeleteObjectPort {

    private final ObjectDirectory objects;
    private final PresignedGet presigned;
    private final BucketUrl bucketUrl;

    LocalObjectStoreAdapter(ObjectDirectory objects, PresignedGet presigned, BucketUrl bucketUrl) {
        this.objects = objects;
        this.presigned = presigned;
        this.bucketUrl = bucketUrl;
    }

    @Override
    public Optional<ObjectMetadata> inspect(ObjectKey key) {
        return objects.find(key)
                .map(o -> new ObjectMetadata(
                        key,
                        ByteSize.ofBytes(o.size()),
                        Optional.of(ContentHash.ofMd5(o.md5())),
                        Optional.ofNullable(o.contentType())));
    }

    @Override
    public DownloadUrl presign(ObjectKey key, Duration ttl) {
        PresignedGet.SignedUrl signed = presigned.sign("GET", bucketUrl.value(), key, ttl);
        return new DownloadUrl(signed.url(), signed.expiresAt());
    }

    @Override
    public void delete(ObjectKey key) {
        objects.delete(key);
    }
}
