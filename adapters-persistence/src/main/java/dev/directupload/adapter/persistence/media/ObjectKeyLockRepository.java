package dev.directupload.adapter.persistence.media;

import dev.directupload.adapter.persistence.VendorCondition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** {@code object_key_locks} and the one query that says whether anything still refers to a key. */
interface ObjectKeyLockRepository extends GenericRepository<ObjectKeyLockRow, String> {

    /** Takes the row's lock until the transaction ends (the row exists: {@link #insertIfAbsent} first). */
    @Query("SELECT key_sha256 FROM object_key_locks WHERE key_sha256 = :keySha256 FOR UPDATE")
    Optional<String> lock(String keySha256);

    /** 1 while a stored object, a photo or a PENDING slot other than {@code exceptSlot} has the key, else 0. */
    @Query("""
            SELECT CASE WHEN
                EXISTS (SELECT 1 FROM stored_objects o WHERE o.key_sha256 = :keySha256 AND o.object_key = :objectKey)
                OR EXISTS (SELECT 1 FROM media_files m WHERE m.key_sha256 = :keySha256 AND m.object_key = :objectKey)
                OR EXISTS (SELECT 1 FROM upload_slots s WHERE s.key_sha256 = :keySha256 AND s.object_key = :objectKey
                           AND s.status = 'PENDING' AND s.id <> :exceptSlot)
            THEN 1 ELSE 0 END""")
    int referenced(String keySha256, String objectKey, String exceptSlot);

    /** Creates the key's lock row unless it exists; never fails on a duplicate. */
    void insertIfAbsent(String keySha256);

    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = VendorCondition.OnH2.class)
    interface H2 extends ObjectKeyLockRepository {
        @Override
        @Query(
                value =
                        "MERGE INTO object_key_locks t USING (VALUES (:keySha256)) s (key_sha256)"
                                + " ON t.key_sha256 = s.key_sha256 WHEN NOT MATCHED THEN INSERT (key_sha256) VALUES (:keySha256)",
                readOnly = false)
        void insertIfAbsent(String keySha256);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = VendorCondition.OnPostgres.class)
    interface Postgres extends ObjectKeyLockRepository {
        @Override
        @Query("INSERT INTO object_key_locks (key_sha256) VALUES (:keySha256) ON CONFLICT DO NOTHING")
        void insertIfAbsent(String keySha256);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = VendorCondition.OnMySql.class)
    interface MySql extends ObjectKeyLockRepository {
        @Override
        @Query("INSERT INTO object_key_locks (key_sha256) VALUES (:keySha256)"
                + " ON DUPLICATE KEY UPDATE key_sha256 = key_sha256")
        void insertIfAbsent(String keySha256);
    }
}
