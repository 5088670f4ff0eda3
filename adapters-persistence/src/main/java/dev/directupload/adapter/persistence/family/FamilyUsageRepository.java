package dev.directupload.adapter.persistence.family;

import dev.directupload.adapter.persistence.VendorCondition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/**
 * A family's storage use: verified stored objects (the primary key's family prefix) plus the declared sizes of its
 * pending slots (the (family_id, status) index).
 */
interface FamilyUsageRepository extends GenericRepository<FamilyRow, String> {

    @Query("""
            SELECT
              (SELECT COALESCE(SUM(o.size_bytes), 0) FROM stored_objects o
                 WHERE o.family_id = :familyId AND o.status = 'VERIFIED')
              + (SELECT COALESCE(SUM(s.size_bytes), 0) FROM upload_slots s
                 WHERE s.family_id = :familyId AND s.status = 'PENDING') AS bytes,
              (SELECT COUNT(*) FROM stored_objects o WHERE o.family_id = :familyId AND o.status = 'VERIFIED')
              + (SELECT COUNT(*) FROM upload_slots s WHERE s.family_id = :familyId AND s.status = 'PENDING') AS files""")
    FamilyUsageRow usage(String familyId);

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
