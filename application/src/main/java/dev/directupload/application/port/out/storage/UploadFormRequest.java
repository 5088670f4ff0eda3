package dev.directupload.application.port.out.storage;

import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.upload.UploadPolicyRules;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an upload form must allow, no more.
 *
 * @param family the family whose prefix the credentials are narrowed to
 * @param key exact key or key prefix
 * @param size the accepted content-length range
 * @param contentTypes the accepted Content-Type values; empty means the policy pins no type
 * @param ttl how long the form should live (at most 15 minutes; the adapter shortens it to the credentials)
 * @param forbidOverwrite true: the form must never replace an object that already has its key (OSS's
 *     {@code x-oss-forbid-overwrite=true}, pinned by the policy; the store answers 409 {@code FileAlreadyExists}).
 *     Only for a port whose {@link SignUploadFormPort#canForbidOverwrite()} is true; any other refuses the request
 * @param callback the storage should call the service back once the object is stored (OSS's upload callback). Only
 *     for a port whose {@link SignUploadFormPort#canCallBack()} is true; any other refuses the request
 */
public record UploadFormRequest(
        FamilyId family,
        KeyCondition key,
        SizeRange size,
        Set<String> contentTypes,
        Duration ttl,
        boolean forbidOverwrite,
        Optional<UploadCallbackRequest> callback) {

    public UploadFormRequest {
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(ttl, "ttl");
        contentTypes = Set.copyOf(contentTypes);
        UploadPolicyRules.requireValidTtl(ttl);
        if (!key.value().startsWith("families/" + family.value() + "/")) {
            throw new IllegalArgumentException("key " + key.value() + " is outside family " + family);
        }
    }

    /** A form without a callback. */
    public UploadFormRequest(
            FamilyId family,
            KeyCondition key,
            SizeRange size,
            Set<String> contentTypes,
            Duration ttl,
            boolean forbidOverwrite) {
        this(family, key, size, contentTypes, ttl, forbidOverwrite, Optional.empty());
    }

    /** A form that may replace an existing object, without a callback. */
    public UploadFormRequest(
            FamilyId family, KeyCondition key, SizeRange size, Set<String> contentTypes, Duration ttl) {
        this(family, key, size, contentTypes, ttl, false);
    }
}
