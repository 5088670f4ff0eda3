package dev.directupload.application.port.out.media;

import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.storage.StoredObject;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads a family's stored-object records. */
public interface LoadStoredObjectsPort {

    /** Every stored object of the family whose md5 is among {@code hashes}, in one query. */
    List<StoredObject> findByHashes(FamilyId family, Collection<ContentHash> hashes);

    /**
     * Which of {@code hashes} the family stores verified, in one query: what the hash check answers. An adapter may
     * answer it from an index alone (H2: {@code ix_stored_objects_md5} holds md5, family and status).
     */
    default Set<ContentHash> findVerifiedHashes(FamilyId family, Collection<ContentHash> hashes) {
        return findByHashes(family, hashes).stream()
                .filter(StoredObject::isVerified)
                .map(object -> object.content().md5())
                .collect(Collectors.toSet());
    }

    /** The record that owns {@code key}, of any family. */
    Optional<StoredObject> findByKey(ObjectKey key);
}
