package dev.directupload.application.harness;

import dev.directupload.application.port.model.AlbumSummary;
import dev.directupload.application.port.out.album.AlbumPort;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Albums in memory; an album is deleted only while it holds no photo, and its upload slots go with it. */
public final class InMemoryAlbums implements AlbumPort, InMemoryTransactions.Table {

    private final InMemoryTransactions tx;
    private final InMemoryMedia media;
    private final InMemoryUploadSlots slots;
    private final Map<AlbumId, Album> albums = new LinkedHashMap<>();

    public InMemoryAlbums(InMemoryTransactions tx, InMemoryMedia media, InMemoryUploadSlots slots) {
        this.tx = tx;
        this.media = media;
        this.slots = slots;
        tx.register(this);
    }

    @Override
    public Optional<Album> findAlbum(AlbumId id) {
        return tx.locked(() -> Optional.ofNullable(albums.get(id)));
    }

    @Override
    public void insertAlbum(Album album) {
        tx.locked(() -> {
            albums.put(album.id(), album);
        });
    }

    @Override
    public boolean renameAlbum(Album renamed) {
        return tx.locked(() -> albums.replace(renamed.id(), renamed) != null);
    }

    @Override
    public List<AlbumSummary> listAlbums(FamilyId family) {
        return tx.locked(() -> albums.values().stream()
                .filter(a -> a.belongsTo(family))
                .sorted(Comparator.comparing(Album::createdAt))
                .map(a -> new AlbumSummary(a, media.countInAlbum(a.id())))
                .toList());
    }

    @Override
    public boolean deleteIfEmpty(AlbumId album) {
        return tx.locked(() -> {
            if (media.countInAlbum(album) > 0) {
                return false;
            }
            albums.remove(album);
            slots.deleteAlbum(album);
            return true;
        });
    }

    @Override
    public Runnable snapshot() {
        return InMemoryTransactions.snapshotOf(albums);
    }
}
