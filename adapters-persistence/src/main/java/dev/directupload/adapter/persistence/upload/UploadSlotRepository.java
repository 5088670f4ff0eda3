package dev.directupload.adapter.persistence.upload;

import dev.directupload.adapter.persistence.VendorCondition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** {@code upload_slots}; the upsert differs per dialect. */
interface UploadSlotRepository extends GenericRepository<UploadSlotRow, String> {

    Optional<UploadSlotRow> findById(String id);

    /** Served by the (status, expires_at) index. */
    @Query("""
            SELECT * FROM upload_slots WHERE status = 'PENDING' AND expires_at <= :now
            ORDER BY expires_at, id LIMIT :limit""")
    List<UploadSlotRow> findPendingExpired(long now, int limit);

    void upsert(
            String id,
            String familyId,
            String albumId,
            String creatorId,
            String objectKey,
            String fileName,
            String fileFormat,
            long sizeBytes,
            String md5,
            @Nullable Long capturedAt,
            long createdAt,
            long expiresAt,
            String status,
            @Nullable String mediaFileId);

    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = VendorCondition.OnH2.class)
    interface H2 extends UploadSlotRepository {
        @Override
        @Query("""
                MERGE INTO upload_slots t USING (VALUES (:id)) s (id) ON t.id = s.id
                WHEN MATCHED THEN UPDATE SET family_id = :familyId, album_id = :albumId, creator_id = :creatorId,
                  object_key = :objectKey, file_name = :fileName, file_format = :fileFormat, size_bytes = :sizeBytes,
                  md5 = :md5, captured_at = :capturedAt, created_at = :createdAt, expires_at = :expiresAt,
                  status = :status, media_file_id = :mediaFileId
                WHEN NOT MATCHED THEN INSERT (id, family_id, album_id, creator_id, object_key, file_name, file_format,
                  size_bytes, md5, captured_at, created_at, expires_at, status, media_file_id)
                  VALUES (:id, :familyId, :albumId, :creatorId, :objectKey, :fileName, :fileFormat, :sizeBytes, :md5,
                  :capturedAt, :createdAt, :expiresAt, :status, :mediaFileId)""")
        void upsert(
                String id,
                String familyId,
                String albumId,
                String creatorId,
                String objectKey,
                String fileName,
                String fileFormat,
                long sizeBytes,
                String md5,
                @Nullable Long capturedAt,
                long createdAt,
                long expiresAt,
                String status,
                @Nullable String mediaFileId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = VendorCondition.OnPostgres.class)
    interface Postgres extends UploadSlotRepository {
        @Override
        @Query("""
                INSERT INTO upload_slots (id, family_id, album_id, creator_id, object_key, file_name, file_format,
                  size_bytes, md5, captured_at, created_at, expires_at, status, media_file_id)
                VALUES (:id, :familyId, :albumId, :creatorId, :objectKey, :fileName, :fileFormat, :sizeBytes, :md5,
                  :capturedAt, :createdAt, :expiresAt, :status, :mediaFileId)
                ON CONFLICT (id) DO UPDATE SET family_id = EXCLUDED.family_id, album_id = EXCLUDED.album_id,
                  creator_id = EXCLUDED.creator_id, object_key = EXCLUDED.object_key, file_name = EXCLUDED.file_name,
                  file_format = EXCLUDED.file_format, size_bytes = EXCLUDED.size_bytes, md5 = EXCLUDED.md5,
                  captured_at = EXCLUDED.captured_at, created_at = EXCLUDED.created_at,
                  expires_at = EXCLUDED.expires_at, status = EXCLUDED.status, media_file_id = EXCLUDED.media_file_id""")
        void upsert(
                String id,
                String familyId,
                String albumId,
                String creatorId,
                String objectKey,
                String fileName,
                String fileFormat,
                long sizeBytes,
                String md5,
                @Nullable Long capturedAt,
                long createdAt,
                long expiresAt,
                String status,
                @Nullable String mediaFileId);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = VendorCondition.OnMySql.class)
    interface MySql extends UploadSlotRepository {
        @Override
        @Query("""
                INSERT INTO upload_slots (id, family_id, album_id, creator_id, object_key, file_name, file_format,
                  size_bytes, md5, captured_at, created_at, expires_at, status, media_file_id)
                VALUES (:id, :familyId, :albumId, :creatorId, :objectKey, :fileName, :fileFormat, :sizeBytes, :md5,
                  :capturedAt, :createdAt, :expiresAt, :status, :mediaFileId)
                ON DUPLICATE KEY UPDATE family_id = VALUES(family_id), album_id = VALUES(album_id),
                  creator_id = VALUES(creator_id), object_key = VALUES(object_key), file_name = VALUES(file_name),
                  file_format = VALUES(file_format), size_bytes = VALUES(size_bytes), md5 = VALUES(md5),
                  captured_at = VALUES(captured_at), created_at = VALUES(created_at),
                  expires_at = VALUES(expires_at), status = VALUES(status), media_file_id = VALUES(media_file_id)""")
        void upsert(
                String id,
                String familyId,
                String albumId,
                String creatorId,
                String objectKey,
                String fileName,
                String fileFormat,
                long sizeBytes,
                String md5,
                @Nullable Long capturedAt,
                long createdAt,
                long expiresAt,
                String status,
                @Nullable String mediaFileId);
    }
}
