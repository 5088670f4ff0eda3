package dev.directupload.application.port.in.compat;

import dev.directupload.application.port.model.UploadForm;
import dev.directupload.domain.storage.KeyPrefix;

/** A signed prefix policy: the client may upload any allowed file under {@code prefix} until it expires. */
public record PrefixPolicy(KeyPrefix prefix, UploadForm form) {}
