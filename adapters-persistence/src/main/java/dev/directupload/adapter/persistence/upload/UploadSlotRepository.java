package dev.directupload.adapter.persistence.upload;

import dev.directupload.adapter.persistence.VendorCondition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** {@code upload_slots}; the upsert's frame differs per dialect, its columns and update are written once. */
interface UploadSlotRepository extends GenericRepository<UploadSlotRow, String> {

    /** The columns of a row and, in the same order, the {@link UploadSlotRow} properties bound to them. */
    String COLUMNS = "id, family_id, album_id, creator_id, object_key, file_name, file_format, size_bytes, md5,"
            + " captured_at, created_at, expires_at, status, media_file_id";

    String PARAMETERS = ":id, :familyId, :albumId, :creatorId, :objectKey, :fileName, :fileFormat, :sizeBytes, :md5,"
            + " :capturedAt, :createdAt, :expiresAt, :status, :mediaFileId";
    String INSERT = "INSERT INTO upload_slots (" + COLUMNS + ") VALUES (" + PARAMETERS + ")";
    /** What saving a slot that exists changes: every column but the id. */
    String UPDATE = "family_id = :familyId, album_id = :albumId, creator_id = :creatorId, object_key = :objectKey,"
            + " file_name = :fileName, file_format = :fileFormat, size_bytes = :sizeBytes, md5 = :md5,"
            + " captured_at = :capturedAt, created_at = :createdAt, expires_at = :expiresAt, status = :status,"
            + " media_file_id = :mediaFileId";

    Optional<UploadSlotRow> findById(String id);

    /** Served by the (status, expires_at) index. */
    @Query("""
            SELECT * FROM upload_slots WHERE status = 'PENDING' AND expires_at <= :now
            ORDER BY expires_at, id LIMIT :limit""")
    List<UploadSlotRow> findPendingExpired(long now, int limit);

    void upsert(UploadSlotRow row);

    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = VendorCondition.OnH2.class)
    interface H2 extends UploadSlotRepository {
        @Override
        @Query(
                value = "MERGE INTO upload_slots t USING (VALUES (:id)) s (id) ON t.id = s.id"
                        + " WHEN MATCHED THEN UPDATE SET " + UPDATE
                        + " WHEN NOT MATCHED THEN INSERT (" + COLUMNS + ") VALUES (" + PARAMETERS + ")",
                readOnly = false)
        void upsert(UploadSlotRow row);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = VendorCondition.OnPostgres.class)
    interface Postgres extends UploadSlotRepository {
        @Override
        @Query(INSERT + " ON CONFLICT (id) DO UPDATE SET " + UPDATE)
        void upsert(UploadSlotRow row);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = VendorCondition.OnMySql.class)
    interface MySql extends UploadSlotRepository {
        @Override
        @Query(INSERT + " ON DUPLICATE KEY UPDATE " + UPDATE)
        void upsert(UploadSlotRow row);
    }
}
