package dev.directupload.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.directupload.domain.album.Album;
import dev.directupload.domain.family.Family;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.shared.DisplayName;
import dev.directupload.domain.storage.StoredObject;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Contract of {@code TransactionPort} together with the writing ports it groups. */
public abstract class TransactionPortContract extends PersistenceContract {

    @Test
    void givenWorkThatReturns_inTransaction_commitsEveryWrite() {
        UserId owner = newUser().id();
        Family family = newFamily(owner);
        Album album = Album.create(family.id(), new DisplayName("committed"), T0);
        ContentHash hash = randomMd5();

        MediaFile photo = ports().transactions().inTransaction(() -> {
            ports().albums().insertAlbum(album);
            StoredObject object = ports().saveObjects().saveIfAbsent(verified(family.id(), hash, 3, T0));
            return ports().saveFiles().saveIfAbsent(photo("p_" + unique(), album, owner, object, T0));
        });

        assertThat(ports().albums().findAlbum(album.id())).isPresent();
        assertThat(ports().loadFiles().findMediaFile(photo.id())).isPresent();
        assertThat(ports().loadObjects().findByHashes(family.id(), List.of(hash)))
                .hasSize(1);
    }

    @Test
    void givenWorkThatThrows_inTransaction_rollsBackEveryWriteAndRethrows() {
        UserId owner = newUser().id();
        Family family = newFamily(owner);
        Album album = Album.create(family.id(), new DisplayName("rolled back"), T0);
        ContentHash hash = randomMd5();
        IllegalStateException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> ports().transactions().inTransaction(() -> {
                    ports().albums().insertAlbum(album);
                    StoredObject object = ports().saveObjects().saveIfAbsent(verified(family.id(), hash, 3, T0));
                    ports().saveFiles().saveIfAbsent(photo("p_" + unique(), album, owner, object, T0));
                    throw failure;
                }))
                .isSameAs(failure);

        assertThat(ports().albums().findAlbum(album.id())).isEmpty();
        assertThat(ports().loadObjects().findByHashes(family.id(), List.of(hash)))
                .isEmpty();
    }

    @Test
    void givenDuplicateInsideTransaction_saveIfAbsent_leavesTheTransactionUsable() {
        UserId owner = newUser().id();
        Family family = newFamily(owner);
        Album album = newAlbum(family.id(), T0);
        StoredObject existing = newObject(family.id(), randomMd5(), 12);
        MediaFile firstPhoto = ports().saveFiles().saveIfAbsent(photo("p_" + unique(), album, owner, existing, T0));
        Album later = Album.create(family.id(), new DisplayName("after the duplicate"), T0);

        MediaFile again = ports().transactions().inTransaction(() -> {
            StoredObject same = ports().saveObjects()
                    .saveIfAbsent(verified(family.id(), existing.content().md5(), 12, T0));
            MediaFile photo = ports().saveFiles().saveIfAbsent(photo("p_" + unique(), album, owner, same, T0));
            ports().albums().insertAlbum(later);
            return photo;
        });

        assertThat(again.id()).isEqualTo(firstPhoto.id());
        assertThat(ports().albums().findAlbum(later.id())).isPresent();
    }

    @Test
    void givenSixConcurrentCompletions_inTransaction_recordOneObjectAndOnePhoto() throws Exception {
        UserId owner = newUser().id();
        Family family = newFamily(owner);
        Album album = newAlbum(family.id(), T0);
        ContentHash hash = randomMd5();

        List<MediaFile> photos = concurrently(IntStream.range(0, 6)
                .<Callable<MediaFile>>mapToObj(i -> () -> ports().transactions().inTransaction(() -> {
                    StoredObject object =
                            ports().saveObjects().saveIfAbsent(verified(family.id(), hash, 2048, T0.plusSeconds(i)));
                    return ports().saveFiles()
                            .saveIfAbsent(photo("p_" + unique(), album, owner, object, T0.plusSeconds(i)));
                }))
                .toList());

        assertThat(photos).extracting(MediaFile::id).containsOnly(photos.get(0).id());
        assertThat(ports().loadObjects().findByHashes(family.id(), List.of(hash)))
                .hasSize(1);
        assertThat(ports().albums().listAlbums(family.id()))
                .singleElement()
                .satisfies(s -> assertThat(s.photoCount()).isEqualTo(1));
    }
}
