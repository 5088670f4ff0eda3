package dev.directupload.adapter.persistence.family;

import dev.directupload.adapter.persistence.VendorCondition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** {@code families}; the upsert's frame differs per dialect, its columns and update are written once. */
interface FamilyRepository extends GenericRepository<FamilyRow, String> {

    /** The columns of a row and, in the same order, the {@link FamilyRow} properties bound to them. */
    String COLUMNS = "id, name, created_at";

    String PARAMETERS = ":id, :name, :createdAt";
    String INSERT = "INSERT INTO families (" + COLUMNS + ") VALUES (" + PARAMETERS + ")";
    /** What saving a family that exists changes. */
    String UPDATE = "name = :name";

    Optional<FamilyRow> findById(String id);

    /** Locks the family's row until the transaction ends: serialises membership removals of one family. */
    @Query("SELECT * FROM families WHERE id = :id FOR UPDATE")
    Optional<FamilyRow> lockById(String id);

    void upsert(FamilyRow row);

    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = VendorCondition.OnH2.class)
    interface H2 extends FamilyRepository {
        @Override
        @Query(
                value = "MERGE INTO families t USING (VALUES (:id)) s (id) ON t.id = s.id"
                        + " WHEN MATCHED THEN UPDATE SET " + UPDATE
                        + " WHEN NOT MATCHED THEN INSERT (" + COLUMNS + ") VALUES (" + PARAMETERS + ")",
                readOnly = false)
        void upsert(FamilyRow row);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = VendorCondition.OnPostgres.class)
    interface Postgres extends FamilyRepository {
        @Override
        @Query(INSERT + " ON CONFLICT (id) DO UPDATE SET " + UPDATE)
        void upsert(FamilyRow row);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = VendorCondition.OnMySql.class)
    interface MySql extends FamilyRepository {
        @Override
        @Query(INSERT + " ON DUPLICATE KEY UPDATE " + UPDATE)
        void upsert(FamilyRow row);
    }
}
