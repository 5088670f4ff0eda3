package dev.directupload.adapter.oss.object;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObjectSummary;
import dev.directupload.adapter.oss.OssProperties;
import dev.directupload.application.port.out.storage.ListObjectsPort;
import dev.directupload.application.port.out.storage.ListedObject;
import dev.directupload.application.port.out.storage.ListingCursor;
import dev.directupload.application.port.out.storage.ObjectPage;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.shared.InvalidValueException;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Lists a prefix with OSS {@code ListObjectsV2}: one call of {@code max-keys = limit}, resumed by {@code start-after}. */
@Singleton
@Requires(property = "storage.provider", value = "oss")
class OssListObjectsAdapter implements ListObjectsPort {

    private final OSS client;
    private final String bucket;

    OssListObjectsAdapter(OSS client, OssProperties properties) {
        this.client = client;
        this.bucket = properties.bucket();
    }

    @Override
    public ObjectPage listOlderThan(KeyPrefix prefix, Instant cutoff, int limit, Optional<ListingCursor> after) {
        ListObjectsPort.requireValidLimit(limit);
        ListObjectsV2Request request = new ListObjectsV2Request(bucket, prefix.value());
        request.setMaxKeys(limit);
        after.ifPresent(cursor -> request.setStartAfter(cursor.afterKey()));
        ListObjectsV2Result result;
        try {
            result = client.listObjectsV2(request);
        } catch (OSSException | ClientException e) {
            throw OssFailures.unavailable("list " + prefix, e);
        }
        List<ListedObject> older = new ArrayList<>();
        String last = null;
        for (OSSObjectSummary summary : result.getObjectSummaries()) {
            last = summary.getKey();
            Instant modified = summary.getLastModified().toInstant();
            if (!summary.getKey().startsWith(prefix.value()) || !modified.isBefore(cutoff)) {
                continue;
            }
            try {
                older.add(new ListedObject(
                        new ObjectKey(summary.getKey()), ByteSize.ofBytes(summary.getSize()), modified));
            } catch (InvalidValueException e) {
                // a key no form of ours can write (e.g. a console "folder"): not ours to clean
            }
        }
        Optional<ListingCursor> next =
                result.isTruncated() && last != null ? Optional.of(new ListingCursor(last)) : Optional.empty();
        return new ObjectPage(older, next);
    }
}
