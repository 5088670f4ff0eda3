package dev.directupload.application.service.compat;

import dev.directupload.application.port.in.compat.PhotoRecord;
import dev.directupload.application.port.in.compat.RecordPhotosUseCase;
import dev.directupload.application.port.in.compat.RecordedPhoto;
import dev.directupload.application.port.out.TransactionPort;
import dev.directupload.application.port.out.media.LoadStoredObjectsPort;
import dev.directupload.application.port.out.media.SaveMediaFilePort;
import dev.directupload.application.port.out.media.SaveStoredObjectPort;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.ObjectMetadata;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.application.service.media.ObjectJanitor;
import dev.directupload.application.service.media.PhotoUrls;
import dev.directupload.application.service.media.UploadSettings;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.media.FileName;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.shared.ConflictException;
import dev.directupload.domain.shared.DomainException;
import dev.directupload.domain.shared.ForbiddenException;
import dev.directupload.domain.shared.InvalidValueException;
import dev.directupload.domain.shared.NotFoundException;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.storage.StoredObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Records the uploads of article-style clients. Each item is checked like {@code complete}: the object must be under
 * the caller's incoming prefix and exist in storage with the claimed MD5, the claimed size (in KB) and an
 * allowed type of the claimed kind. The creator is always the caller.
 */
public final class RecordPhotosService implements RecordPhotosUseCase {

    private final FamilyAccess access;
    private final InspectObjectPort inspector;
    private final LoadStoredObjectsPort storedObjects;
    private final SaveStoredObjectPort storedObjectWriter;
    private final SaveMediaFilePort mediaFiles;
    private final ObjectJanitor janitor;
    private final PhotoUrls photoUrls;
    private final UploadSettings settings;
    private final TransactionPort transactions;
    private final Clock clock;

    public RecordPhotosService(
            FamilyAccess access,
            InspectObjectPort inspector,
            LoadStoredObjectsPort storedObjects,
            SaveStoredObjectPort storedObjectWriter,
            SaveMediaFilePort mediaFiles,
            ObjectJanitor janitor,
            PhotoUrls photoUrls,
            UploadSettings settings,
            TransactionPort transactions,
            Clock clock) {
        this.access = access;
        this.inspector = inspector;
        this.storedObjects = storedObjects;
        this.storedObjectWriter = storedObjectWriter;
        this.mediaFiles = mediaFiles;
        this.janitor = janitor;
        this.photoUrls = photoUrls;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public List<RecordedPhoto> record(UserId caller, List<PhotoRecord> items) {
        if (items == null || items.isEmpty()) {
            throw new InvalidValueException("invalid_request", "data must list at least one photo");
        }
        if (items.size() > MAX_ITEMS) {
            throw new InvalidValueException(
                    "too_many_files", "data lists " + items.size() + " photos; at most " + MAX_ITEMS + " per request");
        }
        List<RecordedPhoto> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                results.add(new RecordedPhoto.Created(i, photoUrls.withUrl(recordOne(caller, items.get(i)))));
            } catch (InvalidValueException | NotFoundException | ConflictException | ForbiddenException e) {
                results.add(new RecordedPhoto.Rejected(i, e.code(), e.getMessage()));
            }
        }
        return results;
    }

    private MediaFile recordOne(UserId caller, PhotoRecord item) {
        if (item == null) {
            throw new InvalidValueException("invalid_request", "item must be an object");
        }
        FamilyId family = new FamilyId(required(item.familyId(), "family_id"));
        Album album = access.requireAlbumIn(new AlbumId(required(item.albumId(), "album_id")), family, caller);
        ObjectKey key = keyOf(item);
        if (!key.startsWith(KeyPrefix.incoming(family, caller))) {
            throw new ForbiddenException(
                    "key_not_allowed",
                    "file_path must be under "
                            + KeyPrefix.incoming(family, caller).basePath());
        }
        FileName name = new FileName(item.fileName());
        ContentHash hash = new ContentHash(item.hashValue());
        long kilobytes = required(item.fileSizeKb(), "file_size");
        if (kilobytes < 0) {
            throw new InvalidValueException("invalid_size", "file_size must be >= 0 KB");
        }
        String kind = required(item.fileType(), "file_type").toLowerCase(Locale.ROOT);
        ObjectMetadata stored = inspector
                .inspect(key)
                .orElseThrow(
                        () -> new ConflictException("object_not_found", "no object at " + key + "; upload it first"));
        FileFormat format = checkStored(family, stored, hash, kilobytes, kind);
        StoredObject object = StoredObject.verified(family, hash, stored.size(), key, format, clock.instant());
        MediaFile photo = transactions.inTransaction(() -> {
            StoredObject kept = storedObjectWriter.saveIfAbsent(object);
            return mediaFiles.saveIfAbsent(MediaFile.record(album.id(), caller, name, kept, null, clock.instant()));
        });
        if (!photo.key().equals(key)) {
            janitor.deleteUnlessReferenced(key);
        }
        return photo;
    }

    /** The stored bytes must be the claimed ones, of an allowed type of the claimed kind; else they go. */
    private FileFormat checkStored(
            FamilyId family, ObjectMetadata stored, ContentHash hash, long kilobytes, String kind) {
        DomainException failure = null;
        FileFormat format =
                stored.contentType().flatMap(FileFormat::ofContentType).orElse(null);
        if (!stored.md5().map(hash::equals).orElse(false) || !stored.size().matchesKilobytes(kilobytes)) {
            failure = new ConflictException(
                    "upload_verification_failed",
                    "stored object has "
                            + stored.size().bytes() + " bytes and md5 "
                            + stored.md5().map(Object::toString).orElse("unknown")
                            + "; the request claims " + kilobytes + " KB and md5 " + hash);
        } else if (format == null
                || !settings.rules().allowedFormats().contains(format)
                || !format.mediaType().wireName().equals(kind)) {
            failure = new InvalidValueException(
                    "type_not_allowed",
                    "stored type " + stored.contentType().orElse("none") + " is not an allowed " + kind + " type");
        } else if (stored.size().isZero()
                || stored.size().exceeds(settings.rules().maxSizeOf(format.mediaType()))) {
            failure = new InvalidValueException(
                    "file_too_large",
                    "stored object has " + stored.size().bytes() + " bytes, outside the " + kind + " limit");
        } else if (storedObjects.findByHashes(family, List.of(hash)).stream()
                .anyMatch(o -> !o.size().equals(stored.size()))) {
            failure = new ConflictException("hash_conflict", "this family stores md5 " + hash + " with another size");
        }
        if (failure != null) {
            janitor.deleteUnlessReferenced(stored.key());
            throw failure;
        }
        return format;
    }

    private static ObjectKey keyOf(PhotoRecord item) {
        String path = item.filePath() != null ? item.filePath() : item.objectKey();
        ObjectKey key = new ObjectKey(required(path, "file_path"));
        if (item.objectKey() != null && !item.objectKey().equals(key.value())) {
            throw new InvalidValueException("invalid_request", "object_key and file_path name different objects");
        }
        return key;
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidValueException("invalid_request", field + " is required");
        }
        return value;
    }
}
