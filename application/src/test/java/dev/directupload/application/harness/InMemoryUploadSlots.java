package dev.directupload.application.harness;

import dev.directupload.application.port.out.upload.LoadUploadSlotPort;
import dev.directupload.application.port.out.upload.SaveUploadSlotPort;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.upload.UploadId;
import dev.directupload.domain.upload.UploadSlot;
import dev.directupload.domain.upload.UploadSlotStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Upload slots in memory; an album's slots go with the album, as the database's cascade has it. */
public final class InMemoryUploadSlots implements LoadUploadSlotPort, SaveUploadSlotPort, InMemoryTransactions.Table {

    private final InMemoryTransactions tx;
    private final Map<UploadId, UploadSlot> slots = new LinkedHashMap<>();

    public InMemoryUploadSlots(InMemoryTransactions tx) {
        this.tx = tx;
        tx.register(this);
    }

    @Override
    public Optional<UploadSlot> findSlot(UploadId id) {
        return tx.locked(() -> Optional.ofNullable(slots.get(id)));
    }

    @Override
    public List<UploadSlot> findPendingExpired(Instant now, int limit) {
        return tx.locked(() -> slots.values().stream()
                .filter(s -> s.status() == UploadSlotStatus.PENDING && s.isPastExpiry(now))
                .sorted(Comparator.comparing(UploadSlot::expiresAt))
                .limit(limit)
                .toList());
    }

    @Override
    public void saveSlot(UploadSlot slot) {
        tx.locked(() -> {
            slots.put(slot.id(), slot);
        });
    }

    /** Deletes the album's slots. */
    void deleteAlbum(AlbumId album) {
        tx.locked(() -> {
            slots.values().removeIf(s -> s.albumId().equals(album));
        });
    }

    public List<UploadSlot> slots() {
        return tx.locked(() -> new ArrayList<>(slots.values()));
    }

    @Override
    public Runnable snapshot() {
        return InMemoryTransactions.snapshotOf(slots);
    }
}
