package dev.directupload.application.port.in.photo;

import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.MediaFileId;

/** Removes a photo from its album; its bytes go only with the family's last reference to them. */
public interface DeletePhotoUseCase {

    void delete(UserId caller, MediaFileId photo);
}
