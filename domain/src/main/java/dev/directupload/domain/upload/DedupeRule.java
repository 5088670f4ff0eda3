package dev.directupload.domain.upload;

import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.storage.StoredObject;
import java.util.Collection;

/**
 * 秒传 rule: a file is instant only when a VERIFIED stored object with the same content (md5 AND size)
 * exists in the same family. A claimed hash is a hint, never an identity: objects of other families never
 * count.
 */
public final class DedupeRule {

    private DedupeRule() {}

    /** @param sameHashObjects the stored objects that share the md5; objects of other families are ignored */
    public static DedupeDecision decide(
            FamilyId family, FileContent content, Collection<StoredObject> sameHashObjects) {
        StoredObject otherSize = null;
        for (StoredObject object : sameHashObjects) {
            if (!object.familyId().equals(family)) {
                continue;
            }
            if (object.content().equals(content)) {
                if (object.isVerified()) {
                    return new DedupeDecision.Instant(object);
                }
            } else if (object.content().conflictsWith(content)) {
                otherSize = object;
            }
        }
        return otherSize == null ? new DedupeDecision.Upload() : new DedupeDecision.HashConflict(otherSize);
    }
}
