package dev.directupload.domain.upload;

/** PENDING until completed (by the client or the sweeper) or expired without an object. */
public enum UploadSlotStatus {
    PENDING,
    COMPLETED,
    EXPIRED
}
