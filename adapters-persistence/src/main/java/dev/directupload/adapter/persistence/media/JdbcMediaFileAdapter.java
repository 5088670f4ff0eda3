package dev.directupload.adapter.persistence.media;

import dev.directupload.adapter.persistence.DuplicateKeys;
import dev.directupload.adapter.persistence.EpochMicros;
import dev.directupload.adapter.persistence.KeyDigest;
import dev.directupload.application.port.out.media.DeleteMediaFilePort;
import dev.directupload.application.port.out.media.LoadMediaFilePort;
import dev.directupload.application.port.out.media.LoadStoredObjectsPort;
import dev.directupload.application.port.out.media.PageCursor;
import dev.directupload.application.port.out.media.PendingDeletionPort;
import dev.directupload.application.port.out.media.SaveMediaFilePort;
import dev.directupload.application.port.out.media.SaveStoredObjectPort;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.media.MediaFileId;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.storage.StoredObject;
import dev.directupload.domain.storage.StoredObjectStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stored objects, photos and the pending-deletion queue in the database. Uniqueness of (family, md5, size) and
 * of (album, md5, size) is decided by constraints through duplicate-tolerant inserts; a photo's stored object
 * is deleted with its last photo by a conditional DELETE while the object's row is locked, and a photo of an
 * existing object is saved while that row is share-locked, so the two cannot cross.
 */
@Singleton
public class JdbcMediaFileAdapter
        implements LoadStoredObjectsPort,
                SaveStoredObjectPort,
                LoadMediaFilePort,
                SaveMediaFilePort,
                DeleteMediaFilePort,
                PendingDeletionPort {

    private final StoredObjectRepository objects;
    private final MediaFileRepository files;
    private final PendingDeletionRepository deletions;

    JdbcMediaFileAdapter(
            StoredObjectRepository objects, MediaFileRepository files, PendingDeletionRepository deletions) {
        this.objects = objects;
        this.files = files;
        this.deletions = deletions;
    }

    @Override
    public List<StoredObject> findByHashes(FamilyId family, Collection<ContentHash> hashes) {
        if (hashes.isEmpty()) {
            return List.of();
        }
        return objects.findByHashes(family.value(), distinctMd5s(hashes)).stream()
                .map(MediaMapper::toDomain)
                .toList();
    }

    @Override
    public Set<ContentHash> findVerifiedHashes(FamilyId family, Collection<ContentHash> hashes) {
        if (hashes.isEmpty()) {
            return Set.of();
        }
        return objects.findVerifiedMd5s(family.value(), distinctMd5s(hashes)).stream()
                .map(ContentHash::new)
                .collect(Collectors.toSet());
    }

    private static List<String> distinctMd5s(Collection<ContentHash> hashes) {
        return hashes.stream().map(ContentHash::md5).distinct().toList();
    }

    @Override
    public Optional<StoredObject> findByKey(ObjectKey key) {
        return objects.findByKey(KeyDigest.of(key), key.value()).stream()
                .findFirst()
                .map(MediaMapper::toDomain);
    }

    /**
     * Inserts the record unless its identity exists, under the family's lock; a verified record it inserts is added
     * to the family's usage counters in the same transaction.
     */
    @Override
    @Transactional
    public StoredObject saveIfAbsent(StoredObject object) {
        String family = object.familyId().value();
        objects.lockFamily(family);
        Optional<StoredObjectRow> existing = objects.findByIdentity(
                family, object.content().md5().md5(), object.content().size().bytes());
        if (existing.isPresent()) {
            return MediaMapper.toDomain(existing.get());
        }
        objects.insertIfAbsent(MediaMapper.toRow(object));
        if (object.isVerified()) {
            objects.addToFamilyUsage(family, object.content().size().bytes(), 1);
        }
        return objects.findByIdentity(
                        object.familyId().value(),
                        object.content().md5().md5(),
                        object.content().size().bytes())
                .map(MediaMapper::toDomain)
                .orElseThrow(() -> new IllegalStateException("stored object " + object.familyId() + "/"
                        + object.content().md5() + "/" + object.content().size().bytes()
                        + " was neither inserted nor found"));
    }

    @Override
    public Optional<MediaFile> findMediaFile(MediaFileId id) {
        return files.findById(id.value()).map(MediaMapper::toDomain);
    }

    @Override
    public List<MediaFile> findInAlbum(AlbumId album, ContentHash md5) {
        return files.findByAlbumAndMd5(album.value(), md5.md5()).stream()
                .map(MediaMapper::toDomain)
                .toList();
    }

    @Override
    public boolean isKeyReferenced(ObjectKey key) {
        return files.countByKey(KeyDigest.of(key), key.value()) > 0;
    }

    @Override
    public List<MediaFile> listAlbumPage(AlbumId album, Optional<PageCursor> after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<MediaFileRow> rows = after.map(
                        c -> files.listPageAfter(album.value(), EpochMicros.of(c.createdAt()), c.id().value(), limit))
                .orElseGet(() -> files.listFirstPage(album.value(), limit));
        return rows.stream().map(MediaMapper::toDomain).toList();
    }

    @Override
    public MediaFile saveIfAbsent(MediaFile file) {
        DuplicateKeys.ignoringDuplicate(() -> files.insertIfAbsent(MediaMapper.toRow(file)));
        return files.findByAlbumContent(
                        file.albumId().value(),
                        file.familyId().value(),
                        file.content().md5().md5(),
                        file.content().size().bytes())
                .map(MediaMapper::toDomain)
                .orElseThrow(() -> new IllegalStateException("photo " + file.id() + " was neither inserted nor found"
                        + " by its album and content (id taken?)"));
    }

    @Override
    @Transactional
    public Optional<MediaFile> saveIfStored(MediaFile file) {
        Optional<StoredObjectRow> object = objects.shareByIdentity(
                file.familyId().value(),
                file.content().md5().md5(),
                file.content().size().bytes());
        if (object.isEmpty() || !object.get().objectKey().equals(file.key().value())) {
            return Optional.empty();
        }
        return Optional.of(saveIfAbsent(file));
    }

    @Override
    @Transactional
    public Optional<ObjectKey> deleteMediaFile(MediaFile file) {
        String family = file.familyId().value();
        String md5 = file.content().md5().md5();
        long size = file.content().size().bytes();
        objects.lockFamily(family);
        Optional<StoredObjectRow> object = objects.lockByIdentity(family, md5, size);
        if (files.deleteById(file.id().value()) == 0 || object.isEmpty()) {
            return Optional.empty();
        }
        if (objects.deleteIfUnreferenced(family, md5, size) == 0) {
            return Optional.empty();
        }
        if (StoredObjectStatus.VERIFIED.name().equals(object.get().status())) {
            objects.addToFamilyUsage(family, -size, -1);
        }
        return Optional.of(new ObjectKey(object.get().objectKey()));
    }

    @Override
    public void enqueueDeletion(ObjectKey key, Instant now) {
        DuplicateKeys.ignoringDuplicate(
                () -> deletions.insertIfAbsent(KeyDigest.of(key), key.value(), EpochMicros.of(now)));
    }

    @Override
    public List<ObjectKey> pendingDeletions(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return deletions.oldest(limit).stream()
                .map(row -> new ObjectKey(row.objectKey()))
                .toList();
    }

    @Override
    public void deletionDone(ObjectKey key) {
        deletions.delete(KeyDigest.of(key), key.value());
    }
}
