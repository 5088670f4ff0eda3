package dev.directupload.application.port.in.upload;

import dev.directupload.application.port.in.photo.Photo;
import dev.directupload.application.port.model.UploadForm;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.upload.UploadId;

/** The answer for one declared file, in request order. */
public sealed interface PreparedItem {

    String clientRef();

    /** 秒传: the family already stores these bytes (verified); the photo is recorded, nothing to upload. */
    record Instant(String clientRef, Photo photo) implements PreparedItem {}

    /** Upload the file with this form, then complete {@code uploadId}. */
    record Upload(String clientRef, UploadId uploadId, UploadForm form) implements PreparedItem {}

    /** Repeats the md5 and size of an earlier file of the same request: uploaded and recorded once, as that one. */
    record Duplicate(String clientRef, String duplicateOf) implements PreparedItem {}

    /** This file alone was refused. */
    record Rejected(String clientRef, ErrorCode code, String message) implements PreparedItem {}
}
