package dev.directupload.application.harness;

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
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.media.MediaFileId;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.storage.StoredObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stored objects, photos and the pending-deletion queue in memory, with the database's uniqueness rules: one
 * stored object per (family, md5, size), one photo per (album, stored object); a stored object goes with the
 * last photo that references it.
 */
public final class InMemoryMedia
        implements LoadStoredObjectsPort,
                SaveStoredObjectPort,
                LoadMediaFilePort,
                SaveMediaFilePort,
                DeleteMediaFilePort,
                PendingDeletionPort,
                InMemoryTransactions.Table {

    private final InMemoryTransactions tx;
    private final Map<String, StoredObject> storedObjects = new LinkedHashMap<>();
    private final Map<MediaFileId, MediaFile> mediaFiles = new LinkedHashMap<>();
    private final Set<ObjectKey> pendingDeletions = new LinkedHashSet<>();
    private int hashQueries;

    public InMemoryMedia(InMemoryTransactions tx) {
        this.tx = tx;
        tx.register(this);
    }

    @Override
    public List<StoredObject> findByHashes(FamilyId family, Collection<ContentHash> hashes) {
        return tx.locked(() -> {
            hashQueries++;
            Set<ContentHash> wanted = Set.copyOf(hashes);
            return storedObjects.values().stream()
                    .filter(o -> o.familyId().equals(family)
                            && wanted.contains(o.content().md5()))
                    .toList();
        });
    }

    @Override
    public Set<ContentHash> findVerifiedHashes(FamilyId family, Collection<ContentHash> hashes) {
        return findByHashes(family, hashes).stream()
                .filter(StoredObject::isVerified)
                .map(o -> o.content().md5())
                .collect(Collectors.toSet());
    }

    @Override
    public Optional<StoredObject> findByKey(ObjectKey key) {
        return tx.locked(() ->
                storedObjects.values().stream().filter(o -> o.key().equals(key)).findFirst());
    }

    @Override
    public StoredObject saveIfAbsent(StoredObject object) {
        return tx.locked(
                () -> storedObjects.computeIfAbsent(identity(object.familyId(), object.content()), k -> object));
    }

    @Override
    public Optional<MediaFile> findMediaFile(MediaFileId id) {
        return tx.locked(() -> Optional.ofNullable(mediaFiles.get(id)));
    }

    @Override
    public List<MediaFile> findInAlbum(AlbumId album, ContentHash md5) {
        return tx.locked(() -> mediaFiles.values().stream()
                .filter(f -> f.albumId().equals(album) && f.content().md5().equals(md5))
                .toList());
    }

    @Override
    public boolean isKeyReferenced(ObjectKey key) {
        return tx.locked(
                () -> mediaFiles.values().stream().anyMatch(f -> f.key().equals(key)));
    }

    @Override
    public List<MediaFile> listAlbumPage(AlbumId album, Optional<PageCursor> after, int limit) {
        Comparator<MediaFile> newestFirst = Comparator.comparing(MediaFile::createdAt)
                .thenComparing(f -> f.id().value())
                .reversed();
        return tx.locked(() -> mediaFiles.values().stream()
                .filter(f -> f.albumId().equals(album))
                .filter(f -> after.map(c -> isAfter(f, c)).orElse(true))
                .sorted(newestFirst)
                .limit(limit)
                .toList());
    }

    @Override
    public MediaFile saveIfAbsent(MediaFile file) {
        return tx.locked(() -> {
            for (MediaFile existing : mediaFiles.values()) {
                if (existing.albumId().equals(file.albumId())
                        && existing.content().equals(file.content())) {
                    return existing;
                }
            }
            mediaFiles.put(file.id(), file);
            return file;
        });
    }

    @Override
    public Optional<MediaFile> saveIfStored(MediaFile file) {
        return tx.locked(() -> {
            StoredObject object = storedObjects.get(identity(file.familyId(), file.content()));
            if (object == null || !object.key().equals(file.key())) {
                return Optional.empty();
            }
            return Optional.of(saveIfAbsent(file));
        });
    }

    @Override
    public Optional<ObjectKey> deleteMediaFile(MediaFile file) {
        return tx.locked(() -> {
            if (mediaFiles.remove(file.id()) == null) {
                return Optional.empty();
            }
            boolean stillUsed = mediaFiles.values().stream()
                    .anyMatch(f ->
                            f.familyId().equals(file.familyId()) && f.content().equals(file.content()));
            if (stillUsed) {
                return Optional.empty();
            }
            StoredObject removed = storedObjects.remove(identity(file.familyId(), file.content()));
            return Optional.ofNullable(removed).map(StoredObject::key);
        });
    }

    @Override
    public void enqueueDeletion(ObjectKey key, Instant now) {
        tx.locked(() -> {
            pendingDeletions.add(key);
        });
    }

    @Override
    public List<ObjectKey> pendingDeletions(int limit) {
        return tx.locked(() -> pendingDeletions.stream().limit(limit).toList());
    }

    @Override
    public void deletionDone(ObjectKey key) {
        tx.locked(() -> {
            pendingDeletions.remove(key);
        });
    }

    /** How many photos the album holds. */
    long countInAlbum(AlbumId album) {
        return tx.locked(() -> mediaFiles.values().stream()
                .filter(f -> f.albumId().equals(album))
                .count());
    }

    public List<StoredObject> storedObjects() {
        return tx.locked(() -> new ArrayList<>(storedObjects.values()));
    }

    public List<MediaFile> mediaFiles() {
        return tx.locked(() -> new ArrayList<>(mediaFiles.values()));
    }

    /**
     * How many times {@link #findByHashes} or {@link #findVerifiedHashes} ran: one query per request, not one per
     * hash.
     */
    public int hashQueries() {
        return tx.locked(() -> hashQueries);
    }

    @Override
    public Runnable snapshot() {
        return InMemoryTransactions.all(List.of(
                InMemoryTransactions.snapshotOf(storedObjects),
                InMemoryTransactions.snapshotOf(mediaFiles),
                InMemoryTransactions.snapshotOf(pendingDeletions)));
    }

    private static boolean isAfter(MediaFile file, PageCursor cursor) {
        int byTime = file.createdAt().compareTo(cursor.createdAt());
        return byTime < 0
                || byTime == 0 && file.id().value().compareTo(cursor.id().value()) < 0;
    }

    private static String identity(FamilyId family, FileContent content) {
        return family + "/" + content.md5() + "/" + content.size().bytes();
    }
}
