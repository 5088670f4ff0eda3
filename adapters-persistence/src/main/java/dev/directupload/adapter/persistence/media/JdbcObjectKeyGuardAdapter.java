package dev.directupload.adapter.persistence.media;

import dev.directupload.adapter.persistence.DuplicateKeys;
import dev.directupload.adapter.persistence.KeyDigest;
import dev.directupload.application.port.out.media.ObjectKeyGuardPort;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.upload.UploadId;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Key locks as rows of {@code object_key_locks} locked with {@code SELECT ... FOR UPDATE}, on every database. */
@Singleton
public class JdbcObjectKeyGuardAdapter implements ObjectKeyGuardPort {

    private final ObjectKeyLockRepository locks;

    JdbcObjectKeyGuardAdapter(ObjectKeyLockRepository locks) {
        this.locks = locks;
    }

    @Override
    public void lock(ObjectKey key) {
        String digest = KeyDigest.of(key);
        DuplicateKeys.ignoringDuplicate(() -> locks.insertIfAbsent(digest));
        if (locks.lock(digest).isEmpty()) {
            throw new IllegalStateException("the lock row of " + key + " vanished");
        }
    }

    @Override
    public boolean isReferenced(ObjectKey key, Optional<UploadId> exceptSlot) {
        return locks.referenced(
                        KeyDigest.of(key),
                        key.value(),
                        exceptSlot.map(UploadId::value).orElse(""))
                == 1;
    }
}
