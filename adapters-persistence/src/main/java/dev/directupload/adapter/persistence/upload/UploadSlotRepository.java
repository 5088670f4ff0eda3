package dev.directupload.adapter.persistence.upload;

import dev.directupload.adapter.persistence.VendorCondition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@code upload_slots}: inserted in batches, changed only by conditional updates of their status, never upserted.
 * Every statement is portable; the sub-interfaces only name the dialect.
 */
interface UploadSlotRepository extends GenericRepository<UploadSlotRow, String> {

    Optional<UploadSlotRow> findById(String id);

    /** A batch insert of new slots. */
    void saveAll(Iterable<UploadSlotRow> rows);

    /** Moves one slot from {@code fromStatus} to {@code status}; 0 when it was no longer {@code fromStatus}. */
    @Query("""
            UPDATE upload_slots SET status = :status, media_file_id = :mediaFileId
            WHERE id = :id AND status = :fromStatus""")
    int transition(String id, String status, @Nullable String mediaFileId, String fromStatus);

    /** A keyset page of the (status, expires_at, id) index. */
    @Query("""
            SELECT * FROM upload_slots
            WHERE status = 'PENDING' AND expires_at <= :now
              AND (expires_at > :afterExpiry OR (expires_at = :afterExpiry AND id > :afterId))
            ORDER BY expires_at, id LIMIT :limit""")
    List<UploadSlotRow> findPendingExpired(long now, long afterExpiry, String afterId, int limit);

    @Query("SELECT COUNT(*) FROM upload_slots WHERE creator_id = :creatorId AND status = 'PENDING'")
    long countPending(String creatorId);

    @Query("SELECT * FROM upload_slots WHERE album_id = :albumId AND status = 'PENDING'")
    List<UploadSlotRow> findPendingInAlbum(String albumId);

    @Query("""
            SELECT * FROM upload_slots
            WHERE album_id = :albumId AND status = 'PENDING' AND md5 = :md5 AND size_bytes = :sizeBytes""")
    List<UploadSlotRow> findPendingFor(String albumId, String md5, long sizeBytes);

    @Query("""
            SELECT * FROM upload_slots WHERE key_sha256 = :keySha256 AND object_key = :objectKey
            ORDER BY created_at DESC, id DESC""")
    List<UploadSlotRow> findByKey(String keySha256, String objectKey);

    @Query("""
            SELECT id FROM upload_slots WHERE status <> 'PENDING' AND expires_at < :before
            ORDER BY expires_at, id LIMIT :limit""")
    List<String> findFinishedBefore(long before, int limit);

    @Query("DELETE FROM upload_slots WHERE id IN (:ids) AND status <> 'PENDING'")
    int deleteFinished(Collection<String> ids);

    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = VendorCondition.OnH2.class)
    interface H2 extends UploadSlotRepository {}

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = VendorCondition.OnPostgres.class)
    interface Postgres extends UploadSlotRepository {}

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = VendorCondition.OnMySql.class)
    interface MySql extends UploadSlotRepository {}
}
