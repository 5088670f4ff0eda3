package dev.directupload.adapter.persistence.media;

import dev.directupload.adapter.persistence.VendorCondition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** {@code media_files}; the frame of the duplicate-tolerant insert differs per dialect. */
interface MediaFileRepository extends GenericRepository<MediaFileRow, String> {

    /** The columns of a row and, in the same order, the {@link MediaFileRow} properties bound to them. */
    String COLUMNS = "id, album_id, family_id, creator_id, file_name, object_key, key_sha256, file_format,"
            + " size_bytes, md5, captured_at, created_at";

    String PARAMETERS = ":id, :albumId, :familyId, :creatorId, :fileName, :objectKey, :keySha256, :fileFormat,"
            + " :sizeBytes, :md5, :capturedAt, :createdAt";
    String INSERT = "INSERT INTO media_files (" + COLUMNS + ") VALUES (" + PARAMETERS + ")";

    Optional<MediaFileRow> findById(String id);

    @Query("""
            SELECT * FROM media_files
            WHERE album_id = :albumId AND family_id = :familyId AND md5 = :md5 AND size_bytes = :sizeBytes""")
    Optional<MediaFileRow> findByAlbumContent(String albumId, String familyId, String md5, long sizeBytes);

    /** An album's photos of one MD5 (any size); served by the unique (album, family, md5, size) index. */
    @Query("SELECT * FROM media_files WHERE album_id = :albumId AND md5 = :md5")
    List<MediaFileRow> findByAlbumAndMd5(String albumId, String md5);

    @Query("SELECT COUNT(*) FROM media_files WHERE key_sha256 = :keySha256 AND object_key = :objectKey")
    long countByKey(String keySha256, String objectKey);

    /** The first page of an album, newest first; served by the (album_id, created_at DESC, id DESC) index. */
    @Query("""
            SELECT * FROM media_files WHERE album_id = :albumId
            ORDER BY created_at DESC, id DESC LIMIT :limit""")
    List<MediaFileRow> listFirstPage(String albumId, int limit);

    /** The page strictly after the photo at (createdAt, id) in newest-first order. */
    @Query("""
            SELECT * FROM media_files
            WHERE album_id = :albumId AND (created_at < :createdAt OR (created_at = :createdAt AND id < :id))
            ORDER BY created_at DESC, id DESC LIMIT :limit""")
    List<MediaFileRow> listPageAfter(String albumId, long createdAt, String id, int limit);

    @Query("DELETE FROM media_files WHERE id = :id")
    int deleteById(String id);

    /** Inserts the photo unless its album already holds the same (md5, size); never fails on a duplicate. */
    void insertIfAbsent(MediaFileRow row);

    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = VendorCondition.OnH2.class)
    interface H2 extends MediaFileRepository {
        @Override
        @Query(
                value = "MERGE INTO media_files t USING (VALUES (:id, :albumId, :familyId, :md5, :sizeBytes))"
                        + " s (id, album_id, family_id, md5, size_bytes)"
                        + " ON t.id = s.id OR (t.album_id = s.album_id AND t.family_id = s.family_id"
                        + " AND t.md5 = s.md5 AND t.size_bytes = s.size_bytes)"
                        + " WHEN NOT MATCHED THEN INSERT (" + COLUMNS + ") VALUES (" + PARAMETERS + ")",
                readOnly = false)
        void insertIfAbsent(MediaFileRow row);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = VendorCondition.OnPostgres.class)
    interface Postgres extends MediaFileRepository {
        @Override
        @Query(INSERT + " ON CONFLICT DO NOTHING")
        void insertIfAbsent(MediaFileRow row);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = VendorCondition.OnMySql.class)
    interface MySql extends MediaFileRepository {
        @Override
        @Query(INSERT + " ON DUPLICATE KEY UPDATE id = id")
        void insertIfAbsent(MediaFileRow row);

        /** A locking read: under REPEATABLE READ a plain read could miss a row another transaction just committed. */
        @Override
        @Query("""
                SELECT * FROM media_files
                WHERE album_id = :albumId AND family_id = :familyId AND md5 = :md5 AND size_bytes = :sizeBytes
                LOCK IN SHARE MODE""")
        Optional<MediaFileRow> findByAlbumContent(String albumId, String familyId, String md5, long sizeBytes);
    }
}
