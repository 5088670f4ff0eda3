package dev.directupload.adapter.persistence.family;

import dev.directupload.adapter.persistence.VendorCondition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** {@code families}; the upsert differs per dialect. */
interface FamilyRepository extends GenericRepository<FamilyRow, String> {

    Optional<FamilyRow> findById(String id);

    /** Locks the family's row until the transaction ends: serialises membership removals of one family. */
    @Query("SELECT * FROM families WHERE id = :id FOR UPDATE")
    Optional<FamilyRow> lockById(String id);

    void upsert(String id, String name, long createdAt);

    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = VendorCondition.OnH2.class)
    interface H2 extends FamilyRepository {
        @Override
        @Query("""
                MERGE INTO families t USING (VALUES (:id, :name, :createdAt)) s (id, name, created_at) ON t.id = s.id
                WHEN MATCHED THEN UPDATE SET name = s.name
                WHEN NOT MATCHED THEN INSERT (id, name, created_at) VALUES (s.id, s.name, s.created_at)""")
        void upsert(String id, String name, long createdAt);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = VendorCondition.OnPostgres.class)
    interface Postgres extends FamilyRepository {
        @Override
        @Query("""
                INSERT INTO families (id, name, created_at) VALUES (:id, :name, :createdAt)
                ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name""")
        void upsert(String id, String name, long createdAt);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = VendorCondition.OnMySql.class)
    interface MySql extends FamilyRepository {
        @Override
        @Query("""
                INSERT INTO families (id, name, created_at) VALUES (:id, :name, :createdAt)
                ON DUPLICATE KEY UPDATE name = VALUES(name)""")
        void upsert(String id, String name, long createdAt);
    }
}
