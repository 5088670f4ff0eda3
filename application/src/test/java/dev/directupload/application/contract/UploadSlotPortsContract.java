package dev.directupload.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.domain.album.Album;
import dev.directupload.domain.family.Family;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.media.FileName;
import dev.directupload.domain.media.MediaFileId;
import dev.directupload.domain.media.Placement;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.upload.UploadSlot;
import dev.directupload.domain.upload.UploadSlotStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Contract of {@code LoadUploadSlotPort} and {@code SaveUploadSlotPort}. */
public abstract class UploadSlotPortsContract extends PersistenceContract {

    /** The sweeper test lives in its own era, so slots of other tests sharing the store never qualify. */
    private static final Instant ERA = Instant.parse("1999-01-01T00:00:00.000001Z");

    @Test
    void givenSavedSlot_findSlot_returnsEveryField() {
        Fixture f = fixture();
        Instant captured = Instant.parse("2026-08-01T08:30:15.000250Z");
        UploadSlot slot = UploadSlot.open(
                new Placement(f.family.id(), f.album.id(), f.owner),
                new ObjectKey("families/" + f.family.id() + "/objects/ab/ab12.mov"),
                new FileName("海边 clip.MOV"),
                FileFormat.MOV,
                new FileContent(randomMd5(), ByteSize.ofBytes(5_000_000_000L)),
                captured,
                T0,
                T0.plusSeconds(900));

        ports().saveSlots().saveSlot(slot);

        UploadSlot found = ports().loadSlots().findSlot(slot.id()).orElseThrow();
        assertThat(found.familyId()).isEqualTo(f.family.id());
        assertThat(found.albumId()).isEqualTo(f.album.id());
        assertThat(found.creatorId()).isEqualTo(f.owner);
        assertThat(found.key()).isEqualTo(slot.key());
        assertThat(found.fileName()).isEqualTo(slot.fileName());
        assertThat(found.format()).isEqualTo(FileFormat.MOV);
        assertThat(found.content()).isEqualTo(slot.content());
        assertThat(found.content().size()).isEqualTo(ByteSize.ofBytes(5_000_000_000L));
        assertThat(found.capturedAt()).contains(captured);
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(found.expiresAt()).isEqualTo(T0.plusSeconds(900));
        assertThat(found.status()).isEqualTo(UploadSlotStatus.PENDING);
        assertThat(found.mediaFileId()).isEmpty();
    }

    @Test
    void givenSavedSlot_saveSlotAgain_updatesStatusAndPhoto() {
        Fixture f = fixture();
        UploadSlot slot = slot(f, T0, T0.plusSeconds(900));
        ports().saveSlots().saveSlot(slot);
        MediaFileId photo = MediaFileId.newId();

        ports().saveSlots().saveSlot(slot.complete(photo));

        UploadSlot found = ports().loadSlots().findSlot(slot.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(UploadSlotStatus.COMPLETED);
        assertThat(found.mediaFileId()).contains(photo);
        assertThat(found.capturedAt()).isEmpty();
    }

    @Test
    void findPendingExpired_returnsPendingSlotsExpiredAtOrBeforeNowOldestFirst() {
        Fixture f = fixture();
        Instant now = ERA.plus(Duration.ofHours(1));
        UploadSlot second = slot(f, ERA, now.minusSeconds(60));
        UploadSlot first = slot(f, ERA, now.minusSeconds(120));
        UploadSlot atNow = slot(f, ERA, now);
        UploadSlot later = slot(f, ERA, now.plusNanos(1000));
        UploadSlot completed = slot(f, ERA, now.minusSeconds(300));
        UploadSlot expired = slot(f, ERA, now.minusSeconds(240));
        for (UploadSlot s : new UploadSlot[] {second, first, atNow, later, completed, expired}) {
            ports().saveSlots().saveSlot(s);
        }
        ports().saveSlots().saveSlot(completed.complete(MediaFileId.newId()));
        ports().saveSlots().saveSlot(expired.expire(now));

        assertThat(ports().loadSlots().findPendingExpired(now, 10))
                .extracting(UploadSlot::id)
                .containsExactly(first.id(), second.id(), atNow.id());
        assertThat(ports().loadSlots().findPendingExpired(now, 2))
                .extracting(UploadSlot::id)
                .containsExactly(first.id(), second.id());
        assertThat(ports().loadSlots().findPendingExpired(now.minusSeconds(121), 10))
                .isEmpty();
    }

    private UploadSlot slot(Fixture f, Instant createdAt, Instant expiresAt) {
        return UploadSlot.open(
                new Placement(f.family.id(), f.album.id(), f.owner),
                new ObjectKey("families/" + f.family.id() + "/objects/cd/" + unique() + ".jpg"),
                new FileName("IMG.jpg"),
                FileFormat.JPEG,
                new FileContent(randomMd5(), ByteSize.ofBytes(1234)),
                null,
                createdAt,
                expiresAt);
    }

    private Fixture fixture() {
        UserId owner = newUser().id();
        Family family = newFamily(owner);
        return new Fixture(owner, family, newAlbum(family.id(), T0));
    }

    private record Fixture(UserId owner, Family family, Album album) {}
}
