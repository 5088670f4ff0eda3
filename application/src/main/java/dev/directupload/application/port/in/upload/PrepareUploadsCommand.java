package dev.directupload.application.port.in.upload;

import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;
import dev.directupload.domain.shared.TimeRange;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Prepare 1-500 files of one album for upload; client refs are unique within the request and every
 * {@code captured_at} lies in {@link TimeRange}, or the whole request is refused before anything is written.
 */
public record PrepareUploadsCommand(UserId caller, FamilyId family, AlbumId album, List<DeclaredFile> files) {

    public static final int MAX_FILES = 500;

    public PrepareUploadsCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(album, "album");
        if (files == null || files.isEmpty()) {
            throw new InvalidValueException(ErrorCode.INVALID_REQUEST, "files must list at least one file");
        }
        if (files.size() > MAX_FILES) {
            throw new InvalidValueException(
                    ErrorCode.TOO_MANY_FILES,
                    "files lists " + files.size() + " files; at most " + MAX_FILES + " per request");
        }
        files = List.copyOf(files);
        var refs = new HashSet<String>();
        for (int i = 0; i < files.size(); i++) {
            DeclaredFile file = files.get(i);
            if (!refs.add(file.clientRef())) {
                throw new InvalidValueException(
                        ErrorCode.INVALID_REQUEST, "client_ref '" + file.clientRef() + "' appears more than once");
            }
            // the whole request is refused before anything is written: a bad time is no file's fault alone
            TimeRange.require("files[" + i + "].captured_at", file.capturedAt());
        }
    }
}
