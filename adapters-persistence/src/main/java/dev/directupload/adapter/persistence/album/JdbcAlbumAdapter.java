package dev.directupload.adapter.persistence.album;

import dev.directupload.adapter.persistence.EpochMicros;
import dev.directupload.application.port.model.AlbumSummary;
import dev.directupload.application.port.out.album.AlbumPort;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.shared.DisplayName;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Albums in the database; an album is deleted only by a DELETE that finds it empty. */
@Singleton
public class JdbcAlbumAdapter implements AlbumPort {

    private final AlbumRepository albums;

    JdbcAlbumAdapter(AlbumRepository albums) {
        this.albums = albums;
    }

    @Override
    public Optional<Album> findAlbum(AlbumId id) {
        return albums.findById(id.value()).map(JdbcAlbumAdapter::toDomain);
    }

    @Override
    public void insertAlbum(Album album) {
        albums.insert(new AlbumRow(
                album.id().value(), album.familyId().value(), album.name().value(), EpochMicros.of(album.createdAt())));
    }

    @Override
    public boolean renameAlbum(Album renamed) {
        return albums.rename(renamed.id().value(), renamed.name().value()) == 1;
    }

    @Override
    public List<AlbumSummary> listAlbums(FamilyId family) {
        return albums.listWithPhotoCounts(family.value()).stream()
                .map(row -> new AlbumSummary(
                        Album.reconstitute(
                                new AlbumId(row.id()),
                                new FamilyId(row.familyId()),
                                new DisplayName(row.name()),
                                EpochMicros.toInstant(row.createdAt())),
                        row.photoCount()))
                .toList();
    }

    @Override
    @Transactional
    public boolean deleteIfEmpty(AlbumId album) {
        if (albums.lockById(album.value()).isEmpty()) {
            return true;
        }
        return albums.deleteIfEmpty(album.value()) == 1;
    }

    private static Album toDomain(AlbumRow row) {
        return Album.reconstitute(
                new AlbumId(row.id()),
                new FamilyId(row.familyId()),
                new DisplayName(row.name()),
                EpochMicros.toInstant(row.createdAt()));
    }
}
