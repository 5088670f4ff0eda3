package dev.directupload.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.application.port.out.family.FamilyUsagePort;
import dev.directupload.application.port.out.upload.SlotCursor;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.family.Family;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.media.FileName;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.media.MediaFileId;
import dev.directupload.domain.media.Placement;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.storage.StoredObject;
import dev.directupload.domain.upload.UploadId;
import dev.directupload.domain.upload.UploadSlot;
import dev.directupload.domain.upload.UploadSlotStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Contract of {@code LoadUploadSlotPort} and {@code SaveUploadSlotPort}. */
public abstract class UploadSlotPortsContract extends PersistenceContract {

    /** The sweeper test lives in its own era, so slots of other tests sharing the store never qualify. */
    private static final Instant ERA = Instant.parse("1999-01-01T00:00:00.000001Z");

    @Test
    void givenInsertedSlot_findSlot_returnsEveryField() {
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

        ports().saveSlots().insertSlots(List.of(slot));

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
    void insertSlots_savesABatch() {
        Fixture f = fixture();
        List<UploadSlot> batch = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            batch.add(slot(f, T0, T0.plusSeconds(900)));
        }

        ports().saveSlots().insertSlots(batch);

        assertThat(batch)
                .allSatisfy(
                        s -> assertThat(ports().loadSlots().findSlot(s.id())).isPresent());
        assertThat(ports().loadSlots().countPending(f.owner)).isEqualTo(120);
    }

    @Test
    void transition_changesStatusAndPhoto_onlyFromTheStatusTheCallerSaw() {
        Fixture f = fixture();
        UploadSlot slot = slot(f, T0, T0.plusSeconds(900));
        ports().saveSlots().insertSlots(List.of(slot));
        MediaFileId photo = MediaFileId.newId();

        assertThat(ports().saveSlots().transition(slot.complete(photo), UploadSlotStatus.PENDING))
                .isTrue();
        // a sweeper that saw the slot PENDING cannot overwrite the COMPLETED
        assertThat(ports().saveSlots().transition(slot.expire(T0.plusSeconds(900)), UploadSlotStatus.PENDING))
                .isFalse();

        UploadSlot found = ports().loadSlots().findSlot(slot.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(UploadSlotStatus.COMPLETED);
        assertThat(found.mediaFileId()).contains(photo);
        assertThat(found.capturedAt()).isEmpty();
    }

    @Test
    void transition_ofAnExpiredSlot_completesItWhenLateBytesArrive() {
        Fixture f = fixture();
        UploadSlot slot = slot(f, T0, T0.plusSeconds(900));
        ports().saveSlots().insertSlots(List.of(slot));
        UploadSlot expired = slot.expire(T0.plusSeconds(900));
        assertThat(ports().saveSlots().transition(expired, UploadSlotStatus.PENDING))
                .isTrue();

        assertThat(ports().saveSlots().transition(expired.complete(MediaFileId.newId()), UploadSlotStatus.EXPIRED))
                .isTrue();

        assertThat(ports().loadSlots().findSlot(slot.id()).orElseThrow().status())
                .isEqualTo(UploadSlotStatus.COMPLETED);
    }

    @Test
    void findPendingExpired_returnsPendingSlotsExpiredAtOrBeforeNow_inExpiryThenIdOrder_byKeysetPages() {
        Fixture f = fixture();
        Instant now = ERA.plus(Duration.ofHours(1));
        UploadSlot second = slot(f, ERA, now.minusSeconds(60));
        UploadSlot first = slot(f, ERA, now.minusSeconds(120));
        UploadSlot atNow = slot(f, ERA, now);
        UploadSlot later = slot(f, ERA, now.plusNanos(1000));
        UploadSlot completed = slot(f, ERA, now.minusSeconds(300));
        UploadSlot expired = slot(f, ERA, now.minusSeconds(240));
        ports().saveSlots().insertSlots(List.of(second, first, atNow, later, completed, expired));
        ports().saveSlots().transition(completed.complete(MediaFileId.newId()), UploadSlotStatus.PENDING);
        ports().saveSlots().transition(expired.expire(now), UploadSlotStatus.PENDING);

        assertThat(ports().loadSlots().findPendingExpired(now, Optional.empty(), 10))
                .extracting(UploadSlot::id)
                .containsExactly(first.id(), second.id(), atNow.id());
        List<UploadSlot> page = ports().loadSlots().findPendingExpired(now, Optional.empty(), 2);
        assertThat(page).extracting(UploadSlot::id).containsExactly(first.id(), second.id());
        assertThat(ports().loadSlots()
                        .findPendingExpired(now, Optional.of(new SlotCursor(second.expiresAt(), second.id())), 2))
                .extracting(UploadSlot::id)
                .containsExactly(atNow.id());
        assertThat(ports().loadSlots().findPendingExpired(now.minusSeconds(121), Optional.empty(), 10))
                .isEmpty();
    }

    @Test
    void findPendingExpired_pagesThroughSlotsOfOneExpiry_byTheirIds() {
        Fixture f = fixture();
        Instant expiry = ERA.plus(Duration.ofHours(2));
        List<UploadSlot> same = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            same.add(slot(f, ERA, expiry));
        }
        ports().saveSlots().insertSlots(same);

        List<UploadId> seen = new ArrayList<>();
        Optional<SlotCursor> after = Optional.empty();
        List<UploadSlot> page;
        do {
            page = ports().loadSlots().findPendingExpired(expiry, after, 2).stream()
                    .filter(s -> s.expiresAt().equals(expiry))
                    .toList();
            page.forEach(s -> seen.add(s.id()));
            if (!page.isEmpty()) {
                UploadSlot last = page.get(page.size() - 1);
                after = Optional.of(new SlotCursor(last.expiresAt(), last.id()));
            }
        } while (page.size() == 2);

        assertThat(seen)
                .containsExactlyInAnyOrderElementsOf(
                        same.stream().map(UploadSlot::id).toList());
        assertThat(seen).doesNotHaveDuplicates();
    }

    @Test
    void countPending_findPendingInAlbum_andFindByKey() {
        Fixture f = fixture();
        UploadSlot pending = slot(f, T0, T0.plusSeconds(900));
        UploadSlot done = slot(f, T0, T0.plusSeconds(900));
        ports().saveSlots().insertSlots(List.of(pending, done));
        ports().saveSlots().transition(done.complete(MediaFileId.newId()), UploadSlotStatus.PENDING);

        assertThat(ports().loadSlots().countPending(f.owner)).isEqualTo(1);
        assertThat(ports().loadSlots().countPending(newUser().id())).isZero();
        assertThat(ports().loadSlots().findPendingInAlbum(f.album.id()))
                .extracting(UploadSlot::id)
                .containsExactly(pending.id());
        assertThat(ports().loadSlots().findByKey(done.key()))
                .singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(UploadSlotStatus.COMPLETED));
        assertThat(ports().loadSlots().findByKey(new ObjectKey(done.key().value() + ".x")))
                .isEmpty();
    }

    @Test
    void findPendingFor_returnsThePendingSlotsOfOneAlbumAndContent() {
        Fixture f = fixture();
        UploadSlot first = slot(f, T0, T0.plusSeconds(900));
        UploadSlot again = sameContent(first, f.album, T0.plusSeconds(1));
        UploadSlot done = sameContent(first, f.album, T0.plusSeconds(2));
        UploadSlot otherAlbum = sameContent(first, newAlbum(f.family.id(), T0), T0.plusSeconds(3));
        UploadSlot otherSize = UploadSlot.open(
                new Placement(f.family.id(), f.album.id(), f.owner),
                first.key(),
                first.fileName(),
                first.format(),
                new FileContent(
                        first.content().md5(),
                        ByteSize.ofBytes(first.content().size().bytes() + 1)),
                null,
                T0,
                T0.plusSeconds(900));
        UploadSlot other = slot(f, T0, T0.plusSeconds(900));
        ports().saveSlots().insertSlots(List.of(first, again, done, otherAlbum, otherSize, other));
        ports().saveSlots().transition(done.complete(MediaFileId.newId()), UploadSlotStatus.PENDING);

        assertThat(ports().loadSlots().findPendingFor(f.album.id(), first.content()))
                .extracting(UploadSlot::id)
                .containsExactlyInAnyOrder(first.id(), again.id());
        assertThat(ports().loadSlots()
                        .findPendingFor(newAlbum(f.family.id(), T0).id(), first.content()))
                .isEmpty();
    }

    @Test
    void purgeFinished_deletesOnlyFinishedSlotsThatExpiredBeforeTheCutoff_atMostLimit() {
        Fixture f = fixture();
        Instant old = ERA.minus(Duration.ofDays(30));
        UploadSlot oldDone = slot(f, old.minusSeconds(900), old);
        UploadSlot oldExpired = slot(f, old.minusSeconds(900), old);
        UploadSlot oldPending = slot(f, old.minusSeconds(900), old);
        UploadSlot recentDone = slot(f, T0, T0.plusSeconds(900));
        ports().saveSlots().insertSlots(List.of(oldDone, oldExpired, oldPending, recentDone));
        ports().saveSlots().transition(oldDone.complete(MediaFileId.newId()), UploadSlotStatus.PENDING);
        ports().saveSlots().transition(oldExpired.expire(old), UploadSlotStatus.PENDING);
        ports().saveSlots().transition(recentDone.complete(MediaFileId.newId()), UploadSlotStatus.PENDING);

        int first = ports().saveSlots().purgeFinished(old.plusSeconds(1), 1);
        int second = ports().saveSlots().purgeFinished(old.plusSeconds(1), 10);

        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(1);
        assertThat(ports().loadSlots().findSlot(oldDone.id())).isEmpty();
        assertThat(ports().loadSlots().findSlot(oldExpired.id())).isEmpty();
        assertThat(ports().loadSlots().findSlot(oldPending.id())).isPresent();
        assertThat(ports().loadSlots().findSlot(recentDone.id())).isPresent();
    }

    @Test
    void keyGuard_countsRecordsPhotosAndOtherPendingSlotsAsReferences() {
        Fixture f = fixture();
        UploadSlot pending = slot(f, T0, T0.plusSeconds(900));
        ports().saveSlots().insertSlots(List.of(pending));
        StoredObject object = newObject(f.family.id(), randomMd5(), 77);
        ObjectKey nobodys =
                new ObjectKey("families/" + f.family.id() + "/incoming/" + f.owner + "/" + unique() + ".jpg");

        assertThat(ports().keyGuard().isReferenced(pending.key(), Optional.empty()))
                .isTrue();
        assertThat(ports().keyGuard().isReferenced(pending.key(), Optional.of(pending.id())))
                .isFalse();
        assertThat(ports().keyGuard().isReferenced(object.key(), Optional.empty()))
                .isTrue();
        assertThat(ports().keyGuard().isReferenced(nobodys, Optional.empty())).isFalse();
        ports().transactions().inTransaction(() -> {
            ports().keyGuard().lock(nobodys);
            ports().keyGuard().lock(nobodys);
            return null;
        });
    }

    @Test
    void usage_isVerifiedObjectsPlusPendingSlots_ofTheFamilyOnly() {
        Fixture f = fixture();
        newObject(f.family.id(), randomMd5(), 1000);
        newObject(f.family.id(), randomMd5(), 24);
        UploadSlot pending = slot(f, T0, T0.plusSeconds(900));
        UploadSlot done = slot(f, T0, T0.plusSeconds(900));
        ports().saveSlots().insertSlots(List.of(pending, done));
        ports().saveSlots().transition(done.complete(MediaFileId.newId()), UploadSlotStatus.PENDING);
        newObject(newFamily(f.owner).id(), randomMd5(), 5000);

        assertThat(ports().usage().usage(f.family.id())).isEqualTo(new FamilyUsagePort.Usage(1000 + 24 + 1234, 3));
        assertThat(ports().transactions().inTransaction(() -> ports().usage().lockAndMeasure(f.family.id())))
                .isEqualTo(new FamilyUsagePort.Usage(1000 + 24 + 1234, 3));
    }

    @Test
    void usage_countsAStoredObjectOnce_andNoLongerOnceItsLastPhotoIsDeleted() {
        Fixture f = fixture();
        StoredObject object = newObject(f.family.id(), randomMd5(), 1000);
        newObject(f.family.id(), object.content().md5(), 1000); // the same identity again: kept, not counted twice
        newObject(f.family.id(), randomMd5(), 24);
        assertThat(ports().usage().usage(f.family.id())).isEqualTo(new FamilyUsagePort.Usage(1024, 2));

        MediaFile first = ports().saveFiles()
                .saveIfAbsent(photo("p_" + unique(), newAlbum(f.family.id(), T0), f.owner, object, T0));
        MediaFile second = ports().saveFiles()
                .saveIfAbsent(photo("p_" + unique(), newAlbum(f.family.id(), T0), f.owner, object, T0));
        ports().deleteFiles().deleteMediaFile(first);
        assertThat(ports().usage().usage(f.family.id())).isEqualTo(new FamilyUsagePort.Usage(1024, 2));
        ports().deleteFiles().deleteMediaFile(second);
        assertThat(ports().usage().usage(f.family.id())).isEqualTo(new FamilyUsagePort.Usage(24, 1));
        ports().deleteFiles().deleteMediaFile(second); // deleting again changes nothing
        assertThat(ports().usage().usage(f.family.id())).isEqualTo(new FamilyUsagePort.Usage(24, 1));
    }

    @Test
    void usage_ofAFamilyWithNothing_isZero() {
        Fixture f = fixture();
        assertThat(ports().usage().usage(f.family.id())).isEqualTo(new FamilyUsagePort.Usage(0, 0));
    }

    @Test
    void lease_hasOneHolderAtATime_untilItRunsOutOrIsReleased() {
        String name = "lease-" + unique();
        Duration ttl = Duration.ofMinutes(5);

        assertThat(ports().leases().tryAcquire(name, "a", T0, ttl)).isTrue();
        assertThat(ports().leases().tryAcquire(name, "b", T0.plusSeconds(60), ttl))
                .isFalse();
        assertThat(ports().leases().tryAcquire(name, "a", T0.plusSeconds(60), ttl))
                .isTrue();
        assertThat(ports().leases()
                        .tryAcquire(name, "b", T0.plusSeconds(61).plus(ttl).minusSeconds(2), ttl))
                .isFalse();
        assertThat(ports().leases().tryAcquire(name, "b", T0.plusSeconds(61).plus(ttl), ttl))
                .isTrue();
        ports().leases().release(name, "a");
        assertThat(ports().leases().tryAcquire(name, "a", T0.plusSeconds(62).plus(ttl), ttl))
                .isFalse();
        ports().leases().release(name, "b");
        assertThat(ports().leases().tryAcquire(name, "a", T0.plusSeconds(62).plus(ttl), ttl))
                .isTrue();
    }

    @Test
    void lease_raceOfManyHolders_hasExactlyOneWinner() throws Exception {
        String name = "lease-" + unique();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String holder = "h" + i;
                tries.add(pool.submit(() -> ports().leases().tryAcquire(name, holder, T0, Duration.ofMinutes(5))));
            }
            int winners = 0;
            for (var attempt : tries) {
                winners += attempt.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
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

    /** Another upload of {@code slot}'s file (a staging key of its own) into {@code album}. */
    private UploadSlot sameContent(UploadSlot slot, Album album, Instant createdAt) {
        return UploadSlot.open(
                new Placement(album.familyId(), album.id(), slot.creatorId()),
                new ObjectKey("families/" + album.familyId() + "/staging/" + unique() + ".jpg"),
                slot.fileName(),
                slot.format(),
                slot.content(),
                null,
                createdAt,
                createdAt.plusSeconds(900));
    }

    private Fixture fixture() {
        UserId owner = newUser().id();
        Family family = newFamily(owner);
        return new Fixture(owner, family, newAlbum(family.id(), T0));
    }

    private record Fixture(UserId owner, Family family, Album album) {}
}
