package dev.directupload.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.application.port.model.AlbumSummary;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.family.Family;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.media.FileName;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.media.Placement;
import dev.directupload.domain.shared.DisplayName;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.storage.StoredObject;
import dev.directupload.domain.upload.UploadSlot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract of {@code AlbumPort}. */
public abstract class AlbumPortContract extends PersistenceContract {

    @Test
    void givenSavedAlbum_renameAlbum_renamesIt() {
        Family family = newFamily(newUser().id());
        Album album = newAlbum(family.id(), T0);

        assertThat(ports().albums().renameAlbum(album.rename(new DisplayName("夏天 summer"))))
                .isTrue();

        Album found = ports().albums().findAlbum(album.id()).orElseThrow();
        assertThat(found.name().value()).isEqualTo("夏天 summer");
        assertThat(found.familyId()).isEqualTo(family.id());
        assertThat(found.createdAt()).isEqualTo(T0);
    }

    @Test
    void givenDeletedAlbum_renameAlbum_changesNothing_andDoesNotBringItBack() {
        Family family = newFamily(newUser().id());
        Album album = newAlbum(family.id(), T0);
        assertThat(ports().albums().deleteIfEmpty(album.id())).isTrue();

        assertThat(ports().albums().renameAlbum(album.rename(new DisplayName("revived?"))))
                .isFalse();

        assertThat(ports().albums().findAlbum(album.id())).isEmpty();
    }

    @Test
    void listAlbums_isOldestFirstWithPhotoCountsOfTheFamilyOnly() {
        UserId owner = newUser().id();
        Family family = newFamily(owner);
        Album newer = newAlbum(family.id(), T0.plusSeconds(10));
        Album older = newAlbum(family.id(), T0);
        newAlbum(newFamily(owner).id(), T0);
        for (int i = 0; i < 2; i++) {
            StoredObject object = newObject(family.id(), randomMd5(), 100 + i);
            ports().saveFiles().saveIfAbsent(photo("p_" + unique(), newer, owner, object, T0));
        }

        assertThat(ports().albums().listAlbums(family.id()))
                .extracting(s -> s.album().id(), AlbumSummary::photoCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(older.id(), 0L),
                        org.assertj.core.groups.Tuple.tuple(newer.id(), 2L));
    }

    @Test
    void givenEmptyAlbumWithPendingSlot_deleteIfEmpty_deletesAlbumAndSlot() {
        UserId owner = newUser().id();
        Family family = newFamily(owner);
        Album album = newAlbum(family.id(), T0);
        UploadSlot slot = UploadSlot.open(
                new Placement(family.id(), album.id(), owner),
                new ObjectKey("families/x/objects/ab/c.jpg"),
                new FileName("c.jpg"),
                FileFormat.JPEG,
                new FileContent(randomMd5(), ByteSize.ofBytes(10)),
                null,
                T0,
                T0.plusSeconds(900));
        ports().saveSlots().insertSlots(List.of(slot));

        assertThat(ports().albums().deleteIfEmpty(album.id())).isTrue();

        assertThat(ports().albums().findAlbum(album.id())).isEmpty();
        assertThat(ports().loadSlots().findSlot(slot.id())).isEmpty();
    }

    @Test
    void givenAlbumWithPhoto_deleteIfEmpty_refusesUntilThePhotoIsGone() {
        UserId owner = newUser().id();
        Family family = newFamily(owner);
        Album album = newAlbum(family.id(), T0);
        MediaFile photo = ports().saveFiles()
                .saveIfAbsent(photo("p_" + unique(), album, owner, newObject(family.id(), randomMd5(), 42), T0));

        assertThat(ports().albums().deleteIfEmpty(album.id())).isFalse();
        assertThat(ports().albums().findAlbum(album.id())).isPresent();

        ports().deleteFiles().deleteMediaFile(photo);
        assertThat(ports().albums().deleteIfEmpty(album.id())).isTrue();
        assertThat(ports().albums().findAlbum(album.id())).isEmpty();
    }
}
