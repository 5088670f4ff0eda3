package dev.directupload.adapter.persistence.ratelimit;

import dev.directupload.adapter.persistence.VendorCondition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** {@code rate_limits}: a take is one conditional update, so concurrent takes from any instance never over-spend. */
interface RateLimitRepository extends GenericRepository<RateLimitRow, String> {

    /**
     * Moves the bucket's instant on by {@code step} µs from {@code max(full_at, now)}, only if it stays at or before
     * {@code limit} (now + the bucket's burst): 1 when the tokens were taken, 0 when refused or the row is missing.
     */
    @Query("""
            UPDATE rate_limits SET full_at = GREATEST(full_at, :now) + :step
            WHERE bucket_key = :bucketKey AND GREATEST(full_at, :now) + :step <= :limit""")
    int take(String bucketKey, long now, long step, long limit);

    Optional<Long> findFullAtByBucketKey(String bucketKey);

    @Query("DELETE FROM rate_limits WHERE full_at <= :now")
    int purgeRefilled(long now);

    /** Creates the key's row with {@code fullAt} unless it exists; never fails on a duplicate. */
    void insertIfAbsent(String bucketKey, long fullAt);

    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = VendorCondition.OnH2.class)
    interface H2 extends RateLimitRepository {
        @Override
        @Query(
                value = "MERGE INTO rate_limits t USING (VALUES (:bucketKey)) s (bucket_key)"
                        + " ON t.bucket_key = s.bucket_key"
                        + " WHEN NOT MATCHED THEN INSERT (bucket_key, full_at) VALUES (:bucketKey, :fullAt)",
                readOnly = false)
        void insertIfAbsent(String bucketKey, long fullAt);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = VendorCondition.OnPostgres.class)
    interface Postgres extends RateLimitRepository {
        @Override
        @Query("INSERT INTO rate_limits (bucket_key, full_at) VALUES (:bucketKey, :fullAt) ON CONFLICT DO NOTHING")
        void insertIfAbsent(String bucketKey, long fullAt);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = VendorCondition.OnMySql.class)
    interface MySql extends RateLimitRepository {
        @Override
        @Query("INSERT INTO rate_limits (bucket_key, full_at) VALUES (:bucketKey, :fullAt)"
                + " ON DUPLICATE KEY UPDATE bucket_key = bucket_key")
        void insertIfAbsent(String bucketKey, long fullAt);
    }
}
