package dev.directupload.application.port.out.storage;

import dev.directupload.application.port.model.DownloadUrl;
import dev.directupload.domain.storage.ObjectKey;
import java.time.Duration;

/** Presigns a GET of a private object. */
public interface PresignDownloadPort {

    DownloadUrl presign(ObjectKey key, Duration ttl);
}
