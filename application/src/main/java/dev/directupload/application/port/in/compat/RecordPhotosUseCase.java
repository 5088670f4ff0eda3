package dev.directupload.application.port.in.compat;

import dev.directupload.domain.identity.UserId;
import java.util.List;

/** The article-compatible {@code POST /photos}: records uploaded files after checking each one in storage. */
public interface RecordPhotosUseCase {

    int MAX_ITEMS = 500;

    /** @throws dev.directupload.domain.shared.InvalidValueException for an empty or over-long list */
    List<RecordedPhoto> record(UserId caller, List<PhotoRecord> items);
}
