package dev.directupload.application.harness;

import dev.directupload.application.port.out.TransactionPort;
import dev.directupload.application.port.out.album.AlbumPort;
import dev.directupload.application.port.out.family.FamilyPort;
import dev.directupload.application.port.out.family.InvitePort;
import dev.directupload.application.port.out.family.MembershipPort;
import dev.directupload.application.port.out.identity.LoadUserPort;
import dev.directupload.application.port.out.identity.SaveUserPort;
import dev.directupload.application.port.out.media.DeleteMediaFilePort;
import dev.directupload.application.port.out.media.LoadMediaFilePort;
import dev.directupload.application.port.out.media.LoadStoredObjectsPort;
import dev.directupload.application.port.out.media.PageCursor;
import dev.directupload.application.port.out.media.PendingDeletionPort;
import dev.directupload.application.port.out.media.SaveMediaFilePort;
import dev.directupload.application.port.out.media.SaveStoredObjectPort;
import dev.directupload.application.port.out.upload.LoadUploadSlotPort;
import dev.directupload.application.port.out.upload.SaveUploadSlotPort;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.Family;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.family.Invite;
import dev.directupload.domain.family.InviteCode;
import dev.directupload.domain.family.Membership;
import dev.directupload.domain.family.Role;
import dev.directupload.domain.identity.ExternalIdentity;
import dev.directupload.domain.identity.User;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.FileContent;
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
import java.util.LinkedHashSet;
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
public class InMemoryMetadataStore
        implements LoadUserPort,
                SaveUserPort,
                FamilyPort,
                MembershipPort,
                InvitePort,
                AlbumPort,
                LoadStoredObjectsPort,
                SaveStoredObjectPort,
                LoadMediaFilePort,
                SaveMediaFilePort,
                DeleteMediaFilePort,
                PendingDeletionPort,
                LoadUploadSlotPort,
                SaveUploadSlotPort,
                TransactionPort {

    private final Object lock = new Object();
    private final Map<UserId, User> users = new LinkedHashMap<>();
    private final Map<FamilyId, Family> families = new LinkedHashMap<>();
    private final Map<InviteCode, Invite> invites = new LinkedHashMap<>();
    private final Set<ObjectKey> pendingDeletions = new LinkedHashSet<>();
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
    public Optional<User> findUser(UserId id) {
        synchronized (lock) {
            return Optional.ofNullable(users.get(id));
        }
    }

    @Override
    public Optional<User> findByIdentity(ExternalIdentity identity) {
        synchronized (lock) {
            return users.values().stream()
                    .filter(u -> u.identity().equals(identity))
                    .findFirst();
        }
    }

    @Override
    public User saveIfAbsent(User user) {
        synchronized (lock) {
            Optional<User> existing = findByIdentity(user.identity());
            if (existing.isPresent()) {
                return existing.get();
            }
            users.put(user.id(), user);
            return user;
        }
    }

    @Override
    public void saveFamily(Family family) {
        synchronized (lock) {
            families.put(family.id(), family);
        }
    }

    @Override
    public Optional<Family> findFamily(FamilyId id) {
        synchronized (lock) {
            return Optional.ofNullable(families.get(id));
        }
    }

    @Override
    public Membership saveIfAbsent(Membership membership) {
        synchronized (lock) {
            return memberships.computeIfAbsent(membership.familyId() + "/" + membership.userId(), k -> membership);
        }
    }

    @Override
    public List<Membership> listMembers(FamilyId family) {
        synchronized (lock) {
            return memberships.values().stream()
                    .filter(m -> m.familyId().equals(family))
                    .sorted(Comparator.comparing(Membership::joinedAt))
                    .toList();
        }
    }

    @Override
    public List<Membership> listMemberships(UserId user) {
        synchronized (lock) {
            return memberships.values().stream()
                    .filter(m -> m.userId().equals(user))
                    .sorted(Comparator.comparing(Membership::joinedAt))
                    .toList();
        }
    }

    @Override
    public boolean deleteUnlessLastOwner(FamilyId family, UserId user) {
        synchronized (lock) {
            Membership target = memberships.get(family + "/" + user);
            if (target == null) {
                return true;
            }
            long owners = memberships.values().stream()
                    .filter(m -> m.familyId().equals(family) && m.role() == Role.OWNER)
                    .count();
            if (target.isOwner() && owners <= 1) {
                return false;
            }
            memberships.remove(family + "/" + user);
            return true;
        }
    }

    @Override
    public void saveInvite(Invite invite) {
        synchronized (lock) {
            invites.put(invite.code(), invite);
        }
    }

    @Override
    public Optional<Invite> findInvite(InviteCode code) {
        synchronized (lock) {
            return Optional.ofNullable(invites.get(code));
        }
    }

    @Override
    public boolean tryUse(InviteCode code, Instant now) {
        synchronized (lock) {
            Invite invite = invites.get(code);
            if (invite == null || !now.isBefore(invite.expiresAt()) || invite.uses() >= invite.maxUses()) {
                return false;
            }
            invites.put(
                    code,
                    Invite.reconstitute(
                            code,
                            invite.familyId(),
                            invite.createdBy(),
                            invite.createdAt(),
                            invite.expiresAt(),
                            invite.maxUses(),
                            invite.uses() + 1));
            return true;
        }
    }

    @Override
    public void saveAlbum(Album album) {
        addAlbum(album);
    }

    @Override
    public List<AlbumSummary> listAlbums(FamilyId family) {
        synchronized (lock) {
            return albums.values().stream()
                    .filter(a -> a.belongsTo(family))
                    .sorted(Comparator.comparing(Album::createdAt))
                    .map(a -> new AlbumSummary(
                            a,
                            mediaFiles.values().stream()
                                    .filter(f -> f.albumId().equals(a.id()))
                                    .count()))
                    .toList();
        }
    }

    @Override
    public boolean deleteIfEmpty(AlbumId album) {
        synchronized (lock) {
            if (mediaFiles.values().stream().anyMatch(f -> f.albumId().equals(album))) {
                return false;
            }
            albums.remove(album);
            slots.values().removeIf(s -> s.albumId().equals(album));
            return true;
        }
    }

    @Override
    public List<MediaFile> listAlbumPage(AlbumId album, Optional<PageCursor> after, int limit) {
        synchronized (lock) {
            Comparator<MediaFile> newestFirst = Comparator.comparing(MediaFile::createdAt)
                    .thenComparing(f -> f.id().value())
                    .reversed();
            return mediaFiles.values().stream()
                    .filter(f -> f.albumId().equals(album))
                    .filter(f -> after.map(c -> isAfter(f, c)).orElse(true))
                    .sorted(newestFirst)
                    .limit(limit)
                    .toList();
        }
    }

    private static boolean isAfter(MediaFile file, PageCursor cursor) {
        int byTime = file.createdAt().compareTo(cursor.createdAt());
        return byTime < 0
                || byTime == 0 && file.id().value().compareTo(cursor.id().value()) < 0;
    }

    @Override
    public Optional<ObjectKey> deleteMediaFile(MediaFile file) {
        synchronized (lock) {
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
        }
    }

    @Override
    public void enqueueDeletion(ObjectKey key, Instant now) {
        synchronized (lock) {
            pendingDeletions.add(key);
        }
    }

    @Override
    public List<ObjectKey> pendingDeletions(int limit) {
        synchronized (lock) {
            return pendingDeletions.stream().limit(limit).toList();
        }
    }

    @Override
    public void deletionDone(ObjectKey key) {
        synchronized (lock) {
            pendingDeletions.remove(key);
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
                    .filter(o -> o.familyId().equals(family)
                            && wanted.contains(o.content().md5()))
                    .toList();
        }
    }

    @Override
    public Optional<StoredObject> findByKey(ObjectKey key) {
        synchronized (lock) {
            return storedObjects.values().stream()
                    .filter(o -> o.key().equals(key))
                    .findFirst();
        }
    }

    @Override
    public StoredObject saveIfAbsent(StoredObject object) {
        synchronized (lock) {
            return storedObjects.computeIfAbsent(identity(object.familyId(), object.content()), k -> object);
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
                if (existing.albumId().equals(file.albumId())
                        && existing.content().equals(file.content())) {
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
                    .sorted(Comparator.comparing(UploadSlot::expiresAt))
                    .limit(limit)
                    .toList();
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

    private static String identity(FamilyId family, FileContent content) {
        return family + "/" + content.md5() + "/" + content.size().bytes();
    }

    /** Copies of the maps taken when a transaction starts, put back when it fails. */
    private final class Snapshot {
        private final Map<String, StoredObject> objects = new LinkedHashMap<>(storedObjects);
        private final Map<MediaFileId, MediaFile> files = new LinkedHashMap<>(mediaFiles);
        private final Map<UploadId, UploadSlot> savedSlots = new LinkedHashMap<>(slots);
        private final Map<String, Membership> savedMemberships = new LinkedHashMap<>(memberships);
        private final Map<AlbumId, Album> savedAlbums = new LinkedHashMap<>(albums);
        private final Set<ObjectKey> savedDeletions = new LinkedHashSet<>(pendingDeletions);

        void restore() {
            memberships.clear();
            memberships.putAll(savedMemberships);
            albums.clear();
            albums.putAll(savedAlbums);
            pendingDeletions.clear();
            pendingDeletions.addAll(savedDeletions);
            storedObjects.clear();
            storedObjects.putAll(objects);
            mediaFiles.clear();
            mediaFiles.putAll(files);
            slots.clear();
            slots.putAll(savedSlots);
        }
    }
}
