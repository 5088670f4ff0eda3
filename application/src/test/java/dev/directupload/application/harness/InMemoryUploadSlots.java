package dev.directupload.application.harness;

import dev.directupload.application.port.out.upload.LoadUploadSlotPort;
import dev.directupload.application.port.out.upload.SaveUploadSlotPort;
import dev.directupload.application.port.out.upload.SlotCursor;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.storage.ObjectKey;
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

    private static final Comparator<UploadSlot> BY_EXPIRY_THEN_ID =
            Comparator.comparing(UploadSlot::expiresAt).thenComparing(s -> s.id().value());

    @Override
    public List<UploadSlot> findPendingExpired(Instant now, Optional<SlotCursor> after, int limit) {
        return tx.locked(() -> slots.values().stream()
                .filter(s -> s.status() == UploadSlotStatus.PENDING && s.isPastExpiry(now))
                .filter(s -> after.map(c -> s.expiresAt().isAfter(c.expiresAt())
                                || (s.expiresAt().equals(c.expiresAt())
                                        && s.id().value().compareTo(c.id().value()) > 0))
                        .orElse(true))
                .sorted(BY_EXPIRY_THEN_ID)
                .limit(limit)
                .toList());
    }

    @Override
    public int countPending(UserId creator) {
        return tx.locked(() -> (int) slots.values().stream()
                .filter(s -> s.status() == UploadSlotStatus.PENDING && s.isCreatedBy(creator))
                .count());
    }

    @Override
    public List<UploadSlot> findPendingInAlbum(AlbumId album) {
        return tx.locked(() -> slots.values().stream()
                .filter(s ->
                        s.status() == UploadSlotStatus.PENDING && s.albumId().equals(album))
                .toList());
    }

    @Override
    public List<UploadSlot> findPendingFor(AlbumId album, FileContent content) {
        return tx.locked(() -> slots.values().stream()
                .filter(s -> s.status() == UploadSlotStatus.PENDING
                        && s.albumId().equals(album)
                        && s.content().equals(content))
                .toList());
    }

    @Override
    public List<UploadSlot> findByKey(ObjectKey key) {
        return tx.locked(() -> slots.values().stream()
                .filter(s -> s.key().equals(key))
                .sorted(Comparator.comparing(UploadSlot::createdAt).reversed())
                .toList());
    }

    @Override
    public void insertSlots(List<UploadSlot> newSlots) {
        tx.locked(() -> {
            for (UploadSlot slot : newSlots) {
                if (slots.putIfAbsent(slot.id(), slot) != null) {
                    throw new IllegalStateException("slot " + slot.id() + " exists already");
                }
            }
        });
    }

    @Override
    public boolean transition(UploadSlot changed, UploadSlotStatus from) {
        return tx.locked(() -> {
            UploadSlot stored = slots.get(changed.id());
            if (stored == null || stored.status() != from) {
                return false;
            }
            slots.put(changed.id(), changed);
            return true;
        });
    }

    @Override
    public int purgeFinished(Instant before, int limit) {
        return tx.locked(() -> {
            List<UploadId> old = slots.values().stream()
                    .filter(s -> s.status() != UploadSlotStatus.PENDING
                            && s.expiresAt().isBefore(before))
                    .limit(limit)
                    .map(UploadSlot::id)
                    .toList();
            old.forEach(slots::remove);
            return old.size();
        });
    }

    /** Declared bytes and count of the family's PENDING slots. */
    long[] pendingUsage(dev.directupload.domain.family.FamilyId family) {
        return tx.locked(() -> {
            long bytes = 0;
            long files = 0;
            for (UploadSlot slot : slots.values()) {
                if (slot.status() == UploadSlotStatus.PENDING && slot.familyId().equals(family)) {
                    bytes += slot.content().size().bytes();
                    files++;
                }
            }
            return new long[] {bytes, files};
        });
    }

    /** True when a PENDING slot other than {@code except} has this key. */
    boolean hasPendingOn(ObjectKey key, Optional<UploadId> except) {
        return tx.locked(() -> slots.values().stream()
                .anyMatch(s -> s.status() == UploadSlotStatus.PENDING
                        && s.key().equals(key)
                        && except.map(id -> !id.equals(s.id())).orElse(true)));
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
