package dev.directupload.application.service.compat;

import dev.directupload.application.port.in.compat.PhotoRecord;
import dev.directupload.application.port.in.compat.RecordPhotosUseCase;
import dev.directupload.application.port.in.compat.RecordedPhoto;
import dev.directupload.application.port.in.photo.Photo;
import dev.directupload.application.port.out.media.LoadMediaFilePort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.application.service.media.ContentClaim;
import dev.directupload.application.service.media.ExpectedObject;
import dev.directupload.application.service.media.ObjectJanitor;
import dev.directupload.application.service.media.PhotoUrls;
import dev.directupload.application.service.media.RecordingOutcome;
import dev.directupload.application.service.media.UploadRecorder;
import dev.directupload.application.service.media.UploadSettings;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.media.FileName;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.media.Placement;
import dev.directupload.domain.shared.ConflictException;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.ForbiddenException;
import dev.directupload.domain.shared.InvalidValueException;
import dev.directupload.domain.shared.NotFoundException;
import dev.directupload.domain.shared.TimeRange;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Records the uploads of article-style clients. Each item takes the same path as {@code complete}: the object
 * must be under the caller's incoming prefix and exist in storage with the claimed MD5, the claimed size (in
 * KB) and an allowed type of the claimed kind. The creator is always the caller.
 */
public final class RecordPhotosService implements RecordPhotosUseCase {

    private final FamilyAccess access;
    private final LoadMediaFilePort mediaFiles;
    private final UploadRecorder recorder;
    private final ObjectJanitor janitor;
    private final PhotoUrls photoUrls;
    private final UploadSettings settings;

    public RecordPhotosService(
            FamilyAccess access,
            LoadMediaFilePort mediaFiles,
            UploadRecorder recorder,
            ObjectJanitor janitor,
            PhotoUrls photoUrls,
            UploadSettings settings) {
        this.access = access;
        this.mediaFiles = mediaFiles;
        this.recorder = recorder;
        this.janitor = janitor;
        this.photoUrls = photoUrls;
        this.settings = settings;
    }

    @Override
    public List<RecordedPhoto> record(UserId caller, List<PhotoRecord> items) {
        if (items == null || items.isEmpty()) {
            throw new InvalidValueException(ErrorCode.INVALID_REQUEST, "data must list at least one photo");
        }
        if (items.size() > MAX_ITEMS) {
            throw new InvalidValueException(
                    ErrorCode.TOO_MANY_FILES,
                    "data lists " + items.size() + " photos; at most " + MAX_ITEMS + " per request");
        }
        for (int i = 0; i < items.size(); i++) {
            // a bad time refuses the whole batch before any item is recorded
            PhotoRecord item = items.get(i);
            TimeRange.requireEpochMillis("data[" + i + "].upload_time", item == null ? null : item.uploadTimeMillis());
        }
        List<RecordedPhoto> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                results.add(recordOne(i, caller, items.get(i)));
            } catch (InvalidValueException | NotFoundException | ConflictException | ForbiddenException e) {
                // this item alone is refused; a dependency outage still fails the whole request
                results.add(new RecordedPhoto.Rejected(i, e.code(), e.getMessage()));
            }
        }
        return results;
    }

    private RecordedPhoto recordOne(int index, UserId caller, PhotoRecord item) {
        if (item == null) {
            throw new InvalidValueException(ErrorCode.INVALID_REQUEST, "item must be an object");
        }
        FamilyId family = new FamilyId(required(item.familyId(), "family_id"));
        Album album = access.requireAlbumIn(new AlbumId(required(item.albumId(), "album_id")), family, caller);
        ObjectKey key = keyOf(item);
        ContentHash hash = new ContentHash(item.hashValue());
        requireObjectKeyNamesTheFile(item, key, hash);
        if (!key.startsWith(KeyPrefix.incoming(family, caller))) {
            throw new ForbiddenException(
                    ErrorCode.KEY_NOT_ALLOWED,
                    "file_path must be under "
                            + KeyPrefix.incoming(family, caller).basePath());
        }
        FileName name = new FileName(item.fileName());
        long kilobytes = required(item.fileSizeKb(), "file_size");
        if (kilobytes < 0) {
            throw new InvalidValueException(ErrorCode.INVALID_SIZE, "file_size must be >= 0 KB");
        }
        Set<FileFormat> formats = allowedFormatsOf(required(item.fileType(), "file_type"));
        Optional<MediaFile> already = mediaFiles.findInAlbum(album.id(), hash).stream()
                .filter(photo -> photo.content().size().matchesKilobytes(kilobytes))
                .findFirst();
        if (already.isPresent()) {
            // the same batch sent again: its photo is recorded already (its upload may be gone by now)
            if (!already.get().key().equals(key)) {
                janitor.deleteUnlessReferenced(key, Optional.empty());
            }
            return new RecordedPhoto.Duplicate(index, photoUrls.withUrl(already.get()));
        }
        RecordingOutcome outcome = recorder.record(ExpectedObject.ofPrefixUpload(
                key,
                new ContentClaim.InKilobytes(hash, kilobytes),
                formats,
                new Placement(family, album.id(), caller),
                name));
        if (outcome instanceof RecordingOutcome.Recorded recorded) {
            Photo photo = photoUrls.withUrl(recorded.photo());
            return recorded.created()
                    ? new RecordedPhoto.Created(index, photo)
                    : new RecordedPhoto.Duplicate(index, photo);
        }
        if (outcome instanceof RecordingOutcome.Missing missing) {
            return new RecordedPhoto.Rejected(index, ErrorCode.OBJECT_NOT_FOUND, missing.message());
        }
        RecordingOutcome.Refused refused = (RecordingOutcome.Refused) outcome;
        return new RecordedPhoto.Rejected(index, refused.code(), refused.message());
    }

    /** The allowed formats of the article's {@code file_type} ({@code image} or {@code video}). */
    private Set<FileFormat> allowedFormatsOf(String fileType) {
        Set<FileFormat> formats = settings.rules().allowedFormats().stream()
                .filter(f -> f.mediaType().wireName().equalsIgnoreCase(fileType))
                .collect(Collectors.toUnmodifiableSet());
        if (formats.isEmpty()) {
            throw new InvalidValueException(
                    ErrorCode.TYPE_NOT_ALLOWED, "file_type " + fileType + " is not an allowed kind (image or video)");
        }
        return formats;
    }

    private static ObjectKey keyOf(PhotoRecord item) {
        return new ObjectKey(required(item.filePath(), "file_path"));
    }

    /** {@code object_key} may be absent, the key itself, or the file's MD5 (what the article's client sends). */
    private static void requireObjectKeyNamesTheFile(PhotoRecord item, ObjectKey key, ContentHash hash) {
        String objectKey = item.objectKey();
        if (objectKey != null && !objectKey.equals(key.value()) && !objectKey.equalsIgnoreCase(hash.md5())) {
            throw new InvalidValueException(
                    ErrorCode.INVALID_OBJECT_KEY, "object_key must be absent, equal file_path, or equal hash_value");
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidValueException(ErrorCode.INVALID_REQUEST, field + " is required");
        }
        return value;
    }
}
