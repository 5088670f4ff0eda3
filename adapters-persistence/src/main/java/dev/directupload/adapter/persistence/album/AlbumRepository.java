package dev.directupload.adapter.persistence.album;

import dev.directupload.adapter.persistence.VendorCondition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** {@code albums}: inserted once, renamed by an update that never inserts. The sub-interfaces only name the dialect. */
interface AlbumRepository extends GenericRepository<AlbumRow, String> {

    /** The columns of a row and, in the same order, the {@link AlbumRow} properties bound to them. */
    String COLUMNS = "id, family_id, name, created_at";

    String PARAMETERS = ":id, :familyId, :name, :createdAt";
    String INSERT = "INSERT INTO albums (" + COLUMNS + ") VALUES (" + PARAMETERS + ")";

    Optional<AlbumRow> findById(String id);

    /** Locks the album's row until the transaction ends, so no photo can be added while it is deleted. */
    @Query("SELECT * FROM albums WHERE id = :id FOR UPDATE")
    Optional<AlbumRow> lockById(String id);

    @Query("""
            SELECT a.id, a.family_id, a.name, a.created_at,
                   (SELECT COUNT(*) FROM media_files m WHERE m.album_id = a.id) AS photo_count
            FROM albums a WHERE a.family_id = :familyId ORDER BY a.created_at, a.id""")
    List<AlbumSummaryRow> listWithPhotoCounts(String familyId);

    /**
     * Deletes the album (its upload slots cascade) only if no photo is in it, in one statement.
     *
     * @return rows deleted (0 or 1)
     */
    @Query("""
            DELETE FROM albums WHERE id = :id
              AND NOT EXISTS (SELECT 1 FROM media_files m WHERE m.album_id = :id)""")
    int deleteIfEmpty(String id);

    @Query(INSERT)
    void insert(AlbumRow row);

    /** Renames an existing album; 0 when it does not exist (a rename never brings a deleted album back). */
    @Query("UPDATE albums SET name = :name WHERE id = :id")
    int rename(String id, String name);

    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = VendorCondition.OnH2.class)
    interface H2 extends AlbumRepository {}

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = VendorCondition.OnPostgres.class)
    interface Postgres extends AlbumRepository {}

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = VendorCondition.OnMySql.class)
    interface MySql extends AlbumRepository {}
}
