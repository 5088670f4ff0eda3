package dev.directupload.adapter.persistence.media;

import dev.directupload.adapter.persistence.VendorCondition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.DataType;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** {@code stored_objects}; the frame of the duplicate-tolerant insert differs per dialect. */
interface StoredObjectRepository extends GenericRepository<StoredObjectRow, Void> {

    /** The columns of a row and, in the same order, the {@link StoredObjectRow} properties bound to them. */
    String COLUMNS = "family_id, md5, size_bytes, object_key, key_sha256, file_format, status, created_at, verified_at";

    String PARAMETERS =
            ":familyId, :md5, :sizeBytes, :objectKey, :keySha256, :fileFormat, :status, :createdAt, :verifiedAt";
    String INSERT = "INSERT INTO stored_objects (" + COLUMNS + ") VALUES (" + PARAMETERS + ")";

    @Query("SELECT * FROM stored_objects WHERE family_id = :familyId AND md5 = :md5 AND size_bytes = :sizeBytes")
    Optional<StoredObjectRow> findByIdentity(String familyId, String md5, long sizeBytes);

    /** Locks the record until the transaction ends, so its last photo and a new one cannot cross. */
    @Query("""
            SELECT * FROM stored_objects WHERE family_id = :familyId AND md5 = :md5 AND size_bytes = :sizeBytes
            FOR UPDATE""")
    Optional<StoredObjectRow> lockByIdentity(String familyId, String md5, long sizeBytes);

    /**
     * Reads the record under a shared lock until the transaction ends: the deletion of its last photo (which locks
     * it for update) waits, and a record that deletion removed is not found.
     */
    @Query("""
            SELECT * FROM stored_objects WHERE family_id = :familyId AND md5 = :md5 AND size_bytes = :sizeBytes
            FOR SHARE""")
    Optional<StoredObjectRow> shareByIdentity(String familyId, String md5, long sizeBytes);

    /** One statement for the whole list (the caller keeps it to at most a few thousand hashes). */
    @Query("SELECT * FROM stored_objects WHERE family_id = :familyId AND md5 IN (:md5s)")
    List<StoredObjectRow> findByHashes(String familyId, Collection<String> md5s);

    /**
     * Those of {@code md5s} that the family holds a verified record of, in one statement (PostgreSQL and MariaDB
     * look it up on the primary key; H2 overrides it).
     */
    @Query("SELECT md5 FROM stored_objects WHERE family_id = :familyId AND md5 IN (:md5s) AND status = 'VERIFIED'")
    List<String> findVerifiedMd5s(String familyId, Collection<String> md5s);

    @Query("SELECT * FROM stored_objects WHERE key_sha256 = :keySha256 AND object_key = :objectKey")
    List<StoredObjectRow> findByKey(String keySha256, String objectKey);

    /**
     * Deletes the record only while no photo of its family points at it, in one statement.
     *
     * @return rows deleted (0 or 1)
     */
    @Query("""
            DELETE FROM stored_objects WHERE family_id = :familyId AND md5 = :md5 AND size_bytes = :sizeBytes
              AND NOT EXISTS (SELECT 1 FROM media_files m
                WHERE m.family_id = :familyId AND m.md5 = :md5 AND m.size_bytes = :sizeBytes)""")
    int deleteIfUnreferenced(String familyId, String md5, long sizeBytes);

    /** Inserts the record unless its (family, md5, size) exists; never fails on a duplicate. */
    void insertIfAbsent(StoredObjectRow row);

    /**
     * Locks the family's row until the transaction ends: inserts and deletions of the family's stored objects take it
     * first (then the object's row), so that its usage counters change one at a time, in the order of the quota
     * check's lock ({@code FamilyRepository.lockById}).
     */
    @Query("SELECT id FROM families WHERE id = :familyId FOR UPDATE")
    Optional<String> lockFamily(String familyId);

    /** Adds to the family's counters of verified stored objects (negative to take away). */
    @Query("""
            UPDATE families SET stored_bytes = stored_bytes + :bytes, stored_files = stored_files + :files
            WHERE id = :familyId""")
    int addToFamilyUsage(String familyId, long bytes, long files);

    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = VendorCondition.OnH2.class)
    interface H2 extends StoredObjectRepository {
        @Override
        @Query(
                value = "MERGE INTO stored_objects t"
                        + " USING (VALUES (:familyId, :md5, :sizeBytes)) s (family_id, md5, size_bytes)"
                        + " ON t.family_id = s.family_id AND t.md5 = s.md5 AND t.size_bytes = s.size_bytes"
                        + " WHEN NOT MATCHED THEN INSERT (" + COLUMNS + ") VALUES (" + PARAMETERS + ")",
                readOnly = false)
        void insertIfAbsent(StoredObjectRow row);

        /**
         * H2 plans the inherited {@code md5 IN (…) AND status = 'VERIFIED'} as a scan of the whole family (the status
         * condition sets the index cursor first, and H2 then cannot look the IN list up), and it checks every found
         * row against each value of a parameter list again. So the list goes in as one array joined as a table: each
         * md5 is one equality lookup of the {@code (md5, family_id, status)} index (V5), and no row is read.
         */
        @Override
        default List<String> findVerifiedMd5s(String familyId, Collection<String> md5s) {
            return findVerifiedMd5sAsTable(familyId, md5s.toArray(String[]::new));
        }

        @Query("""
                SELECT s.md5 FROM TABLE(h CHAR(32) = :md5s) t
                JOIN stored_objects s ON s.md5 = t.h AND s.family_id = :familyId
                WHERE s.status = 'VERIFIED'""")
        List<String> findVerifiedMd5sAsTable(String familyId, @TypeDef(type = DataType.STRING_ARRAY) String[] md5s);

        /** H2 has no shared row lock: an exclusive one serves (one record per transaction takes it). */
        @Override
        @Query("""
                SELECT * FROM stored_objects WHERE family_id = :familyId AND md5 = :md5 AND size_bytes = :sizeBytes
                FOR UPDATE""")
        Optional<StoredObjectRow> shareByIdentity(String familyId, String md5, long sizeBytes);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = VendorCondition.OnPostgres.class)
    interface Postgres extends StoredObjectRepository {
        @Override
        @Query(INSERT + " ON CONFLICT DO NOTHING")
        void insertIfAbsent(StoredObjectRow row);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = VendorCondition.OnMySql.class)
    interface MySql extends StoredObjectRepository {
        @Override
        @Query(INSERT + " ON DUPLICATE KEY UPDATE family_id = family_id")
        void insertIfAbsent(StoredObjectRow row);

        /** A locking read: under REPEATABLE READ a plain read could miss a row another transaction just committed. */
        @Override
        @Query("""
                SELECT * FROM stored_objects WHERE family_id = :familyId AND md5 = :md5 AND size_bytes = :sizeBytes
                LOCK IN SHARE MODE""")
        Optional<StoredObjectRow> findByIdentity(String familyId, String md5, long sizeBytes);

        /** MariaDB spells the shared lock the old way. */
        @Override
        @Query("""
                SELECT * FROM stored_objects WHERE family_id = :familyId AND md5 = :md5 AND size_bytes = :sizeBytes
                LOCK IN SHARE MODE""")
        Optional<StoredObjectRow> shareByIdentity(String familyId, String md5, long sizeBytes);
    }
}
