package dev.directupload.adapter.persistence.family;

import dev.directupload.adapter.persistence.VendorCondition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/**
 * A family's storage use: its verified stored objects, counted on its row ({@code stored_bytes}, {@code stored_files},
 * kept by {@code JdbcMediaFileAdapter} in the transactions that insert or delete them), plus the declared sizes of
 * its pending slots (the (family_id, status) index).
 */
interface FamilyUsageRepository extends GenericRepository<FamilyRow, String> {

    @Query("""
            SELECT
              f.stored_bytes + (SELECT COALESCE(SUM(s.size_bytes), 0) FROM upload_slots s
                 WHERE s.family_id = f.id AND s.status = 'PENDING') AS bytes,
              f.stored_files + (SELECT COUNT(*) FROM upload_slots s
                 WHERE s.family_id = f.id AND s.status = 'PENDING') AS files
            FROM families f WHERE f.id = :familyId""")
    Optional<FamilyUsageRow> usage(String familyId);

    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = VendorCondition.OnH2.class)
    interface H2 extends FamilyUsageRepository {}

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = VendorCondition.OnPostgres.class)
    interface Postgres extends FamilyUsageRepository {}

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = VendorCondition.OnMySql.class)
    interface MySql extends FamilyUsageRepository {}
}
