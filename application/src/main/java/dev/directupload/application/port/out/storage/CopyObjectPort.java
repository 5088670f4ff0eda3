package dev.directupload.application.port.out.storage;

import dev.directupload.domain.storage.ObjectKey;
import java.util.Optional;

/**
 * Copies an object to another key of the same bucket on the store's side (no byte passes through the service), with
 * the service's own identity: how verified bytes are promoted from a key a form may write to one no form names.
 */
public interface CopyObjectPort {

    /**
     * Copies the bytes and the Content-Type of {@code source} to {@code target}, replacing whatever {@code target}
     * held. The copy is of one version of the source: if the source is replaced while it runs, the copy either is of
     * the old bytes throughout or fails, never a mix.
     *
     * <p>What the target's MD5 is after a copy, per provider: the local store and MinIO/S3 keep a single-part object's
     * ETag (its MD5) through the copy; OSS keeps it for a single {@code CopyObject} (objects under 1 GB) and copies
     * larger objects in parts, whose ETag is not an MD5 — the OSS adapter then records the source's MD5 as
     * {@code x-oss-meta-content-md5} and reports it. So {@link InspectObjectPort#inspect} of a target, and the
     * metadata returned here, carry the content MD5 whenever the source's was known; {@code md5} is empty only when
     * the source's own ETag was not an MD5 and nothing recorded one.
     *
     * @return what storage now holds at {@code target} (the key, size, MD5 and Content-Type of the bytes copied), for
     *     the caller to compare with what it verified; empty when no object has the key {@code source} (nothing is
     *     written then)
     * @throws dev.directupload.application.shared.DependencyUnavailableException {@code storage_unavailable}
     */
    Optional<ObjectMetadata> copy(ObjectKey source, ObjectKey target);
}
