package dev.directupload.adapter.persistence.upload;

import dev.directupload.adapter.persistence.VendorCondition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/** {@code leases}: taken by one conditional update, so two instances can never both win. */
interface LeaseRepository extends GenericRepository<LeaseRow, String> {

    /** 1 when {@code holder} now has the lease: it was theirs already, or it had run out. */
    @Query("""
            UPDATE leases SET holder = :holder, expires_at = :until
            WHERE name = :name AND (holder = :holder OR expires_at < :now)""")
    int take(String name, String holder, long now, long until);

    @Query("UPDATE leases SET expires_at = 0 WHERE name = :name AND holder = :holder")
    int release(String name, String holder);

    /** Creates the lease, already run out, unless it exists; never fails on a duplicate. */
    void insertIfAbsent(String name);

    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = VendorCondition.OnH2.class)
    interface H2 extends LeaseRepository {
        @Override
        @Query(
                value = "MERGE INTO leases t USING (VALUES (:name)) s (name) ON t.name = s.name"
                        + " WHEN NOT MATCHED THEN INSERT (name, holder, expires_at) VALUES (:name, '', 0)",
                readOnly = false)
        void insertIfAbsent(String name);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = VendorCondition.OnPostgres.class)
    interface Postgres extends LeaseRepository {
        @Override
        @Query("INSERT INTO leases (name, holder, expires_at) VALUES (:name, '', 0) ON CONFLICT DO NOTHING")
        void insertIfAbsent(String name);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = VendorCondition.OnMySql.class)
    interface MySql extends LeaseRepository {
        @Override
        @Query(
                "INSERT INTO leases (name, holder, expires_at) VALUES (:name, '', 0) ON DUPLICATE KEY UPDATE name = name")
        void insertIfAbsent(String name);
    }
}
