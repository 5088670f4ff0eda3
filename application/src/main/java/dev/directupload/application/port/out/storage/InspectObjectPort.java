package dev.directupload.application.port.out.storage;

import dev.directupload.domain.storage.ObjectKey;
import java.util.Optional;

/** Reads an object's metadata (HEAD / stat) with the service's own identity. */
public interface InspectObjectPort {

    /** Empty when no object has this key. */
    Optional<ObjectMetadata> inspect(ObjectKey key);
}
