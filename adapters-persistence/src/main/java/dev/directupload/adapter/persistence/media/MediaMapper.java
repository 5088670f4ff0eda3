package dev.directupload.adapter.persistence.media;

import dev.directupload.adapter.persistence.EpochMicros;
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
