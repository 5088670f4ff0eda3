package dev.directupload.domain.storage;

/** UPLOADED: a record exists, the bytes are not yet checked. VERIFIED: size and MD5 read back from storage. */
public enum StoredObjectStatus {
    UPLOADED,
    VERIFIED
}
