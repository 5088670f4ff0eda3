package dev.directupload.adapter.oss.object;

import com.aliyun.oss.model.ObjectMetadata;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.shared.InvalidValueException;
import java.util.Map;
import java.util.Optional;

/**
 * The content MD5 of an OSS object: its ETag when that is one (a single-part object's), else the
 * {@code x-oss-meta-content-md5} this adapter records on the objects it copies in parts (whose ETag is no MD5). Forms
 * only write single-part objects, so a client can never make an object whose MD5 comes from metadata.
 */
final class ContentMd5 {

    /** User metadata key, sent and received as {@code x-oss-meta-content-md5}. */
    static final String USER_METADATA_KEY = "content-md5";

    private static final String HEADER = "x-oss-meta-" + USER_METADATA_KEY;

    private ContentMd5() {}

    /**
     * The recorded value, its header name matched without regard to case (HTTP header names have none; the SDK only
     * files lower-case {@code x-oss-meta-} headers as user metadata, any other spelling as a raw header).
     */
    private static String recorded(ObjectMetadata head) {
        for (Map.Entry<String, String> entry : head.getUserMetadata().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(USER_METADATA_KEY)) {
                return entry.getValue();
            }
        }
        for (Map.Entry<String, Object> entry : head.getRawMetadata().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(HEADER) && entry.getValue() instanceof String value) {
                return value;
            }
        }
        return null;
    }

    static Optional<ContentHash> of(ObjectMetadata head) {
        Optional<ContentHash> fromEtag =
                dev.directupload.application.port.out.storage.ObjectMetadata.md5FromEtag(head.getETag());
        if (fromEtag.isPresent()) {
            return fromEtag;
        }
        String recorded = recorded(head);
        if (recorded == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ContentHash.ofMd5(recorded.strip()));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }
}
