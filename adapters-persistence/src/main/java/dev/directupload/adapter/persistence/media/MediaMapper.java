package dev.directupload.adapter.persistence.media;

import dev.directupload.adapter.persistence.EpochMicros;
import dev.directupload.adapter.persistence.KeyDigest;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.media.FileName;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.media.MediaFileId;
import dev.directupload.domain.media.Placement;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.storage.StoredObject;
import dev.directupload.domain.storage.StoredObjectStatus;

/** Maps stored objects and photos between domain and rows. */
final class MediaMapper {

    private MediaMapper() {}

    static StoredObjectRow toRow(StoredObject object) {
        return new StoredObjectRow(
                object.familyId().value(),
                object.content().md5().md5(),
                object.content().size().bytes(),
                object.key().value(),
                KeyDigest.of(object.key()),
                object.format().name(),
                object.status().name(),
                EpochMicros.of(object.createdAt()),
                EpochMicros.ofNullable(object.verifiedAt().orElse(null)));
    }

    static StoredObject toDomain(StoredObjectRow row) {
        return StoredObject.reconstitute(
                new FamilyId(row.familyId()),
                new FileContent(new ContentHash(row.md5()), ByteSize.ofBytes(row.sizeBytes())),
                new ObjectKey(row.objectKey()),
                FileFormat.valueOf(row.fileFormat()),
                StoredObjectStatus.valueOf(row.status()),
                EpochMicros.toInstant(row.createdAt()),
                EpochMicros.toInstantOrNull(row.verifiedAt()));
    }

    static MediaFileRow toRow(MediaFile file) {
        return new MediaFileRow(
                file.id().value(),
                file.albumId().value(),
                file.familyId().value(),
                file.creatorId().value(),
                file.fileName().value(),
                file.key().value(),
                KeyDigest.of(file.key()),
                file.format().name(),
                file.content().size().bytes(),
                file.content().md5().md5(),
                EpochMicros.ofNullable(file.capturedAt().orElse(null)),
                EpochMicros.of(file.createdAt()));
    }

    static MediaFile toDomain(MediaFileRow row) {
        return MediaFile.reconstitute(
                new MediaFileId(row.id()),
                new Placement(new FamilyId(row.familyId()), new AlbumId(row.albumId()), new UserId(row.creatorId())),
                new FileName(row.fileName()),
                new ObjectKey(row.objectKey()),
                FileFormat.valueOf(row.fileFormat()),
                new FileContent(new ContentHash(row.md5()), ByteSize.ofBytes(row.sizeBytes())),
                EpochMicros.toInstantOrNull(row.capturedAt()),
                EpochMicros.toInstant(row.createdAt()));
    }
}
