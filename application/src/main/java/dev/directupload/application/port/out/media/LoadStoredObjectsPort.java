package dev.directupload.application.port.out.media;

import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.storage.StoredObject;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads a family's stored-object records. */
public interface LoadStoredObjectsPort {

    /** Every stored object of the family whose md5 is among {@code hashes}, in one query. */
    List<StoredObject> findByHashes(FamilyId family, Collection<ContentHash> hashes);

    /**
     * Those of {@code hashes} that the family holds a verified stored object of (of any size), in one query that
     * reads no more than it answers: the hash check of up to a thousand hashes.
     */
    Set<ContentHash> findVerifiedHashes(FamilyId family, Collection<ContentHash> hashes);

    /** The record that owns {@code key}, of any family. */
    Optional<StoredObject> findByKey(ObjectKey key);
}
