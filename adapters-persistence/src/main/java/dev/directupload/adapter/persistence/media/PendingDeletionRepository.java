package dev.directupload.adapter.persistence.media;

import dev.directupload.adapter.persistence.VendorCondition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/**
 * {@code pending_deletions}; the frame of the duplicate-tolerant insert differs per dialect. The insert takes the
 * three columns rather than a {@link PendingDeletionRow}: {@code seq} is generated, and Micronaut Data fails an
 * entity insert that yields no generated key, as an ignored duplicate does.
 */
interface PendingDeletionRepository extends GenericRepository<PendingDeletionRow, Long> {

    String COLUMNS = "key_sha256, object_key, enqueued_at";
    String PARAMETERS = ":keySha256, :objectKey, :enqueuedAt";
    String INSERT = "INSERT INTO pending_deletions (" + COLUMNS + ") VALUES (" + PARAMETERS + ")";

    @Query("SELECT * FROM pending_deletions ORDER BY seq LIMIT :limit")
    List<PendingDeletionRow> oldest(int limit);

    @Query("DELETE FROM pending_deletions WHERE key_sha256 = :keySha256 AND object_key = :objectKey")
    int delete(String keySha256, String objectKey);

    /** Queues the key unless it is queued already (it keeps its place); never fails on a duplicate. */
    void insertIfAbsent(String keySha256, String objectKey, long enqueuedAt);

    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = VendorCondition.OnH2.class)
    interface H2 extends PendingDeletionRepository {
        @Override
        @Query("MERGE INTO pending_deletions t USING (VALUES (:keySha256)) s (key_sha256)"
                + " ON t.key_sha256 = s.key_sha256"
                + " WHEN NOT MATCHED THEN INSERT (" + COLUMNS + ") VALUES (" + PARAMETERS + ")")
        void insertIfAbsent(String keySha256, String objectKey, long enqueuedAt);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = VendorCondition.OnPostgres.class)
    interface Postgres extends PendingDeletionRepository {
        @Override
        @Query(INSERT + " ON CONFLICT DO NOTHING")
        void insertIfAbsent(String keySha256, String objectKey, long enqueuedAt);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = VendorCondition.OnMySql.class)
    interface MySql extends PendingDeletionRepository {
        @Override
        @Query(INSERT + " ON DUPLICATE KEY UPDATE key_sha256 = key_sha256")
        void insertIfAbsent(String keySha256, String objectKey, long enqueuedAt);
    }
}
