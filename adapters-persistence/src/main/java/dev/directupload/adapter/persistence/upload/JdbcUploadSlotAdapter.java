package dev.directupload.adapter.persistence.upload;

import dev.directupload.adapter.persistence.EpochMicros;
import dev.directupload.adapter.persistence.KeyDigest;
import dev.directupload.application.port.out.upload.LoadUploadSlotPort;
import dev.directupload.application.port.out.upload.SaveUploadSlotPort;
import dev.directupload.application.port.out.upload.SlotCursor;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.media.FileName;
import dev.directupload.domain.media.MediaFileId;
import dev.directupload.domain.media.Placement;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.upload.UploadId;
import dev.directupload.domain.upload.UploadSlot;
import dev.directupload.domain.upload.UploadSlotStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Upload slots in the database; the sweeper's query runs on the (status, expires_at) index. */
@Singleton
public class JdbcUploadSlotAdapter implements LoadUploadSlotPort, SaveUploadSlotPort {

    private final UploadSlotRepository slots;

    JdbcUploadSlotAdapter(UploadSlotRepository slots) {
        this.slots = slots;
    }

    @Override
    public Optional<UploadSlot> findSlot(UploadId id) {
        return slots.findById(id.value()).map(JdbcUploadSlotAdapter::toDomain);
    }

    @Override
    public List<UploadSlot> findPendingExpired(Instant now, Optional<SlotCursor> after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return slots
                .findPendingExpired(
                        EpochMicros.of(now),
                        after.map(c -> EpochMicros.of(c.expiresAt())).orElse(Long.MIN_VALUE),
                        after.map(c -> c.id().value()).orElse(""),
                        limit)
                .stream()
                .map(JdbcUploadSlotAdapter::toDomain)
                .toList();
    }

    @Override
    public int countPending(UserId creator) {
        return Math.toIntExact(slots.countPending(creator.value()));
    }

    @Override
    public List<UploadSlot> findPendingInAlbum(AlbumId album) {
        return slots.findPendingInAlbum(album.value()).stream()
                .map(JdbcUploadSlotAdapter::toDomain)
                .toList();
    }

    @Override
    public List<UploadSlot> findPendingFor(AlbumId album, FileContent content) {
        return slots
                .findPendingFor(
                        album.value(), content.md5().md5(), content.size().bytes())
                .stream()
                .map(JdbcUploadSlotAdapter::toDomain)
                .toList();
    }

    @Override
    public List<UploadSlot> findByKey(ObjectKey key) {
        return slots.findByKey(KeyDigest.of(key), key.value()).stream()
                .map(JdbcUploadSlotAdapter::toDomain)
                .toList();
    }

    @Override
    public void insertSlots(List<UploadSlot> newSlots) {
        if (!newSlots.isEmpty()) {
            slots.saveAll(newSlots.stream().map(JdbcUploadSlotAdapter::toRow).toList());
        }
    }

    @Override
    public boolean transition(UploadSlot changed, UploadSlotStatus from) {
        return slots.transition(
                        changed.id().value(),
                        changed.status().name(),
                        changed.mediaFileId().map(MediaFileId::value).orElse(null),
                        from.name())
                == 1;
    }

    @Override
    @Transactional
    public int purgeFinished(Instant before, int limit) {
        List<String> ids = slots.findFinishedBefore(EpochMicros.of(before), limit);
        return ids.isEmpty() ? 0 : slots.deleteFinished(ids);
    }

    static UploadSlotRow toRow(UploadSlot slot) {
        return new UploadSlotRow(
                slot.id().value(),
                slot.familyId().value(),
                slot.albumId().value(),
                slot.creatorId().value(),
                slot.key().value(),
                KeyDigest.of(slot.key()),
                slot.fileName().value(),
                slot.format().name(),
                slot.content().size().bytes(),
                slot.content().md5().md5(),
                EpochMicros.ofNullable(slot.capturedAt().orElse(null)),
                EpochMicros.of(slot.createdAt()),
                EpochMicros.of(slot.expiresAt()),
                slot.status().name(),
                slot.mediaFileId().map(MediaFileId::value).orElse(null));
    }

    static UploadSlot toDomain(UploadSlotRow row) {
        return UploadSlot.reconstitute(
                new UploadId(row.id()),
                new Placement(new FamilyId(row.familyId()), new AlbumId(row.albumId()), new UserId(row.creatorId())),
                new ObjectKey(row.objectKey()),
                new FileName(row.fileName()),
                FileFormat.valueOf(row.fileFormat()),
                new FileContent(new ContentHash(row.md5()), ByteSize.ofBytes(row.sizeBytes())),
                EpochMicros.toInstantOrNull(row.capturedAt()),
                EpochMicros.toInstant(row.createdAt()),
                EpochMicros.toInstant(row.expiresAt()),
                UploadSlotStatus.valueOf(row.status()),
                Optional.ofNullable(row.mediaFileId()).map(MediaFileId::new).orElse(null));
    }
}
