package dev.directupload.adapter.localstorage;

import dev.directupload.adapter.localstorage.disk.ObjectDirectory;
import dev.directupload.adapter.localstorage.signing.PresignedGet;
import dev.directupload.application.port.model.DownloadUrl;
import dev.directupload.application.port.out.storage.CopyObjectPort;
import dev.directupload.application.port.out.storage.DeleteObjectPort;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.ListObjectsPort;
import dev.directupload.application.port.out.storage.ListedObject;
import dev.directupload.application.port.out.storage.ListingCursor;
import dev.directupload.application.port.out.storage.ObjectMetadata;
import dev.directupload.application.port.out.storage.ObjectPage;
import dev.directupload.application.port.out.storage.PresignDownloadPort;
import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inspection, presigned downloads, deletion, copies and listings over the local bucket's directory. A copy is stored
 * as an upload is (temporary file, atomic publish), so its MD5 is its content's. A failing disk is
 * {@code storage_unavailable} saying only that the local store is unavailable; the I/O error goes to the log at WARN.
 */
@Singleton
@LocalStorageSelected
final class LocalObjectStoreAdapter
        implements InspectObjectPort, PresignDownloadPort, DeleteObjectPort, CopyObjectPort, ListObjectsPort {

    static final ErrorCode UNAVAILABLE = ErrorCode.STORAGE_UNAVAILABLE;
    static final String MESSAGE = "the local store is unavailable";
    private static final Logger LOG = LoggerFactory.getLogger(LocalObjectStoreAdapter.class);

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
        try {
            return objects.find(key).map(LocalObjectStoreAdapter::metadata);
        } catch (UncheckedIOException e) {
            throw unavailable("inspect " + key, e);
        }
    }

    private static ObjectMetadata metadata(ObjectDirectory.StoredObject o) {
        return new ObjectMetadata(
                o.key(),
                ByteSize.ofBytes(o.size()),
                Optional.of(ContentHash.ofMd5(o.md5())),
                Optional.ofNullable(o.contentType()));
    }

    @Override
    public Optional<ObjectMetadata> copy(ObjectKey source, ObjectKey target) {
        try {
            return objects.copy(source, target).map(LocalObjectStoreAdapter::metadata);
        } catch (IOException | UncheckedIOException e) {
            throw unavailable("copy " + source + " to " + target, e);
        }
    }

    @Override
    public ObjectPage listOlderThan(KeyPrefix prefix, Instant cutoff, int limit, Optional<ListingCursor> after) {
        ListObjectsPort.requireValidLimit(limit);
        ObjectDirectory.Listing listing;
        try {
            listing = objects.list(prefix, after.map(ListingCursor::afterKey), limit);
        } catch (UncheckedIOException e) {
            throw unavailable("list " + prefix, e);
        }
        List<ListedObject> older = listing.objects().stream()
                .filter(o -> o.lastModified().isBefore(cutoff))
                .map(o -> new ListedObject(o.key(), ByteSize.ofBytes(o.size()), o.lastModified()))
                .toList();
        return new ObjectPage(older, listing.more() ? listing.lastKey().map(ListingCursor::new) : Optional.empty());
    }

    @Override
    public DownloadUrl presign(ObjectKey key, Duration ttl) {
        PresignedGet.SignedUrl signed = presigned.sign("GET", bucketUrl.value(), key, ttl);
        return new DownloadUrl(signed.url(), signed.expiresAt());
    }

    @Override
    public void delete(ObjectKey key) {
        try {
            objects.delete(key);
        } catch (UncheckedIOException e) {
            throw unavailable("delete " + key, e);
        }
    }

    private static DependencyUnavailableException unavailable(String what, Exception e) {
        LOG.warn("local store: {} failed: {}", what, e.toString());
        return new DependencyUnavailableException(UNAVAILABLE, MESSAGE, e);
    }
}
