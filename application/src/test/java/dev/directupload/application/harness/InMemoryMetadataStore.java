package dev.directupload.application.harness;

import dev.directupload.domain.album.Album;
import dev.directupload.domain.family.Membership;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.storage.StoredObject;
import dev.directupload.domain.upload.UploadSlot;
import java.util.List;

/**
 * Every persistence out-port in memory, one store per aggregate, for unit tests and for running the core without
 * a database. The stores share one lock ({@link #transactions}): each call, and each transaction, is atomic, and a
 * transaction whose work throws puts every store back.
 */
public final class InMemoryMetadataStore {

    public final InMemoryTransactions transactions = new InMemoryTransactions();
    public final InMemoryUsers users = new InMemoryUsers(transactions);
    public final InMemoryFamilies families = new InMemoryFamilies(transactions);
    public final InMemoryMedia media = new InMemoryMedia(transactions);
    public final InMemoryUploadSlots uploads = new InMemoryUploadSlots(transactions);
    public final InMemoryAlbums albums = new InMemoryAlbums(transactions, media, uploads);
    public final InMemoryKeyGuard keyGuard = new InMemoryKeyGuard(media, uploads);
    public final InMemoryFamilyUsage usage = new InMemoryFamilyUsage(media, uploads);
    public final InMemoryLeases leases = new InMemoryLeases();

    public void addMembership(Membership membership) {
        families.addMembership(membership);
    }

    public void addAlbum(Album album) {
        albums.insertAlbum(album);
    }

    public List<StoredObject> storedObjects() {
        return media.storedObjects();
    }

    public List<MediaFile> mediaFiles() {
        return media.mediaFiles();
    }

    public List<ObjectKey> pendingDeletions(int limit) {
        return media.pendingDeletions(limit);
    }

    public List<UploadSlot> slots() {
        return uploads.slots();
    }

    /** How many times the stored objects were looked up by hash: one query per request, not one per hash. */
    public int hashQueries() {
        return media.hashQueries();
    }
}
