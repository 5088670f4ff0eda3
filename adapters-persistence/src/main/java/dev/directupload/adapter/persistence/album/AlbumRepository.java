package dev.directupload.adapter.persistence.album;

import dev.directupload.adapter.persistence.VendorCondition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** {@code albums}; the upsert differs per dialect. */
interface AlbumRepository extends GenericRepository<AlbumRow, String> {

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

    void upsert(String id, String familyId, String name, long createdAt);

    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = VendorCondition.OnH2.class)
    interface H2 extends AlbumRepository {
        @Override
        @Query("""
                MERGE INTO albums t USING (VALUES (:id, :familyId, :name, :createdAt)) s (id, family_id, name, created_at)
                  ON t.id = s.id
                WHEN MATCHED THEN UPDATE SET name = s.name
                WHEN NOT MATCHED THEN INSERT (id, family_id, name, created_at)
                  VALUES (s.id, s.family_id, s.name, s.created_at)""")
        void upsert(String id, String familyId, String name, long createdAt);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = VendorCondition.OnPostgres.class)
    interface Postgres extends AlbumRepository {
        @Override
        @Query("""
                INSERT INTO albums (id, family_id, name, created_at) VALUES (:id, :familyId, :name, :createdAt)
                ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name""")
        void upsert(String id, String familyId, String name, long createdAt);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = VendorCondition.OnMySql.class)
    interface MySql extends AlbumRepository {
        @Override
        @Query("""
                INSERT INTO albums (id, family_id, name, created_at) VALUES (:id, :familyId, :name, :createdAt)
                ON DUPLICATE KEY UPDATE name = VALUES(name)""")
        void upsert(String id, String familyId, String name, long createdAt);
    }
}
