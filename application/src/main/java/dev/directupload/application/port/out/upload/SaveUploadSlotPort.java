package dev.directupload.application.port.out.upload;

import dev.directupload.domain.upload.UploadSlot;

/** Inserts or updates an upload slot. */
public interface SaveUploadSlotPort {

    void saveSlot(UploadSlot slot);
}
