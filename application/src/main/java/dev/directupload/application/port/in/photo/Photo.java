package dev.directupload.application.port.in.photo;

import dev.directupload.application.port.model.DownloadUrl;
import dev.directupload.domain.media.MediaFile;
import java.util.Objects;

/** A recorded photo or video with a fresh presigned download URL. */
public record Photo(MediaFile file, DownloadUrl download) {

    public Photo {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(download, "download");
    }
}
