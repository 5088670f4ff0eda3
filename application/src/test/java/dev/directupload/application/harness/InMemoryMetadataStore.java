package dev.directupload.application.harness;

import dev.directupload.application.port.out.TransactionPort;
import dev.directupload.application.port.out.album.LoadAlbumPort;
import dev.directupload.application.port.out.family.LoadMembershipPort;
import dev.directupload.application.port.out.media.LoadMediaFilePort;
import dev.directupload.application.port.out.media.LoadStoredObjectsPort;
import dev.directupload.application.port.out.media.SaveMediaFilePort;
import dev.directupload.application.port.out.media.SaveStoredObjectPort;
import dev.directupload.application.port.out.upload.LoadUploadSlotPort;
import dev.directupload.application.port.out.upload.SaveUploadSlotPort;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.family.Membership;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.media.MediaFileId;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.storage.StoredObject;
import dev.directupload.domain.upload.UploadId;
import dev.directupload.domain.upload.UploadSlot;
import dev.directupload.domain.upload.UploadSlotStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every persistence out-port in memory, with the same uniqueness rules as the database: one stored object
 * per (family, md5, size), one photo per (album, stored object). One lock makes each call, and each
 * transaction, atomic. For unit tests and for running the core without a database.
 */
public class InMemoryMetadataStore implements LoadMembershipPort, LoadAlbumPort, LoadStoredObjectsPort,
        SaveStoredObjectPort, LoadMediaFilePort, SaveMediaFilePort, LoadUploadSlotPort, SaveUploadSlotPort,
        TransactionPort {

    private final Object lock = new Object();
    private final Map<String, Membership> memberships = new LinkedHashMap<>();
    private final Map<AlbumId, Album> albums = new LinkedHashMap<>();
    private final Map<String, StoredObject> storedObjects = new LinkedHashMap<>();
    private final Map<MediaFileId, MediaFile> mediaFiles = new LinkedHashMap<>();
    private final Map<UploadId, UploadSlot> slots = new LinkedHashMap<>();
    private int hashQueries;

    public void addMembership(Membership membership) {
        synchronized (lock) {
            memberships.put(membership.familyId() + "/" + membership.userId(), membership);
        }
    }

    public void addAlbum(Album album) {
        synchronized (lock) {
            albums.put(album.id(), album);
        }
    }

    @Override
    public Optional<Membership> findMembership(FamilyId family, UserId user) {
        synchronized (lock) {
            return Optional.ofNullable(memberships.get(family + "/" + user));
        }
    }

    @Override
    public Optional<Album> findAlbum(AlbumId id) {
        synchronized (lock) {
            return Optional.ofNullable(albums.get(id));
        }
    }

    @Override
    public List<StoredObject> findByHashes(FamilyId family, Collection<ContentHash> hashes) {
        synchronized (lock) {
            hashQueries++;
            Set<ContentHash> wanted = Set.copyOf(hashes);
            return storedObjects.values().stream()
                    .filter(o -> o.familyId().equals(family) && wanted.contains(o.hash())).toList();
        }
    }

    @Override
    public Optional<StoredObject> findByKey(ObjectKey key) {
        synchronized (lock) {
            return storedObjects.values().stream().filter(o -> o.key().equals(key)).findFirst();
        }
    }

    @Override
    public StoredObject saveIfAbsent(StoredObject object) {
        synchronized (lock) {
            return storedObjects.computeIfAbsent(identity(object.familyId(), object.hash(), object.size()),
                    k -> object);
        }
    }

    @Override
    public Optional<MediaFile> findMediaFile(MediaFileId id) {
        synchronized (lock) {
            return Optional.ofNullable(mediaFiles.get(id));
        }
    }

    @Override
    public boolean isKeyReferenced(ObjectKey key) {
        synchronized (lock) {
            return mediaFiles.values().stream().anyMatch(f -> f.key().equals(key));
        }
    }

    @Override
    public MediaFile saveIfAbsent(MediaFile file) {
        synchronized (lock) {
            for (MediaFile existing : mediaFiles.values()) {
                if (existing.albumId().equals(file.albumId()) && existing.hash().equals(file.hash())
                        && existing.size().equals(file.size())) {
                    return existing;
                }
            }
            mediaFiles.put(file.id(), file);
            return file;
        }
    }

    @Override
    public Optional<UploadSlot> findSlot(UploadId id) {
        synchronized (lock) {
            return Optional.ofNullable(slots.get(id));
        }
    }

    @Override
    public List<UploadSlot> findPendingExpired(Instant now, int limit) {
        synchronized (lock) {
            return slots.values().stream()
                    .filter(s -> s.status() == UploadSlotStatus.PENDING && s.isPastExpiry(now))
                    .sorted(Comparator.comparing(UploadSlot::expiresAt)).limit(limit).toList();
        }
    }

    @Override
    public void saveSlot(UploadSlot slot) {
        synchronized (lock) {
            slots.put(slot.id(), slot);
        }
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        synchronized (lock) {
            var snapshot = new Snapshot();
            try {
                return work.get();
            } catch (RuntimeException e) {
                snapshot.restore();
                throw e;
            }
        }
    }

    public List<StoredObject> storedObjects() {
        synchronized (lock) {
            return new ArrayList<>(storedObjects.values());
        }
    }

    public List<MediaFile> mediaFiles() {
        synchronized (lock) {
            return new ArrayList<>(mediaFiles.values());
        }
    }

    public List<UploadSlot> slots() {
        synchronized (lock) {
            return new ArrayList<>(slots.values());
        }
    }

    /** How many times {@link #findByHashes} ran: one query per request, not one per hash. */
    public int hashQueries() {
        synchronized (lock) {
            return hashQueries;
        }
    }

    private static String identity(FamilyId family, ContentHash hash, ByteSize size) {
        return family + "/" + hash + "/" + size.bytes();
    }

    /** Copies of the maps taken when a transaction starts, put back when it fails. */
    private final class Snapshot {
        private final Map<String, StoredObject> objects = new LinkedHashMap<>(storedObjects);
        private final Map<MediaFileId, MediaFile> files = new LinkedHashMap<>(mediaFiles);
        private final Map<UploadId, UploadSlot> savedSlots = new LinkedHashMap<>(slots);

        void restore() {
            storedObjects.clear();
            storedObjects.putAll(objects);
            mediaFiles.clear();
            mediaFiles.putAll(files);
            slots.clear();
            slots.putAll(savedSlots);
        }
    }
}
