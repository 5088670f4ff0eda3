package dev.directupload.application.service.media;

import dev.directupload.application.port.in.photo.Photo;
import dev.directupload.application.port.out.storage.PresignDownloadPort;
import dev.directupload.domain.media.MediaFile;
import java.time.Duration;

/** Attaches a presigned download URL to a photo. */
public final class PhotoUrls {

    private final PresignDownloadPort presigner;
    private final Duration ttl;

    public PhotoUrls(PresignDownloadPort presigner, Duration ttl) {
        this.presigner = presigner;
        this.ttl = ttl;
    }

    public Photo withUrl(MediaFile file) {
        return new Photo(file, presigner.presign(file.key(), ttl));
    }
}
