package dev.directupload.adapter.minio.object;

import dev.directupload.adapter.minio.MinioClients;
import dev.directupload.adapter.minio.MinioProperties;
import dev.directupload.application.port.out.storage.ListObjectsPort;
import dev.directupload.application.port.out.storage.ListedObject;
import dev.directupload.application.port.out.storage.ListingCursor;
import dev.directupload.application.port.out.storage.ObjectPage;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.shared.InvalidValueException;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import io.micronaut.context.annotation.Requires;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Lists a prefix with io.minio {@code listObjects} (S3 ListObjectsV2, recursive): one request of {@code limit + 1}
 * keys, resumed by {@code start-after}; the extra key only tells whether more follow.
 */
@Singleton
@Requires(property = "storage.provider", value = "minio")
class MinioListObjectsAdapter implements ListObjectsPort {

    /** S3 answers at most 1000 keys per request. */
    private static final int MAX_KEYS = 1000;

    private final MinioClient service;
    private final String bucket;

    MinioListObjectsAdapter(MinioClients clients, MinioProperties properties) {
        this.service = clients.service();
        this.bucket = properties.bucket();
    }

    @Override
    public ObjectPage listOlderThan(KeyPrefix prefix, Instant cutoff, int limit, Optional<ListingCursor> after) {
        ListObjectsPort.requireValidLimit(limit);
        ListObjectsArgs.Builder args = ListObjectsArgs.builder()
                .bucket(bucket)
                .prefix(prefix.value())
                .recursive(true)
                .maxKeys(Math.min(limit + 1, MAX_KEYS));
        after.ifPresent(cursor -> args.startAfter(cursor.afterKey()));
        List<ListedObject> older = new ArrayList<>();
        String last = null;
        boolean more;
        try {
            Iterator<Result<Item>> items = service.listObjects(args.build()).iterator();
            for (int seen = 0; seen < limit && items.hasNext(); seen++) {
                Item item = items.next().get();
                last = item.objectName();
                Instant modified = item.lastModified().toInstant();
                if (item.isDir() || !last.startsWith(prefix.value()) || !modified.isBefore(cutoff)) {
                    continue;
                }
                try {
                    older.add(new ListedObject(new ObjectKey(last), ByteSize.ofBytes(item.size()), modified));
                } catch (InvalidValueException e) {
                    // a key no form of ours can write: not ours to clean
                }
            }
            more = last != null && items.hasNext();
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw MinioFailures.unavailable("list " + prefix, e);
        }
        return new ObjectPage(older, more ? Optional.of(new ListingCursor(last)) : Optional.empty());
    }
}
