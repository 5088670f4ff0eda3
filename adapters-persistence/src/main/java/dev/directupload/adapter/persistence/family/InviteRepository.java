package dev.directupload.adapter.persistence.family;

import dev.directupload.adapter.persistence.VendorCondition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** {@code invites}; the upsert's frame differs per dialect, counting a use is one conditional UPDATE everywhere. */
interface InviteRepository extends GenericRepository<InviteRow, String> {

    /** The columns of a row and, in the same order, the {@link InviteRow} properties bound to them. */
    String COLUMNS = "code, family_id, created_by, created_at, expires_at, max_uses, uses";

    String PARAMETERS = ":code, :familyId, :createdBy, :createdAt, :expiresAt, :maxUses, :uses";
    String INSERT = "INSERT INTO invites (" + COLUMNS + ") VALUES (" + PARAMETERS + ")";
    /** What saving an invite that exists changes. */
    String UPDATE = "expires_at = :expiresAt, max_uses = :maxUses, uses = :uses";

    Optional<InviteRow> findById(String code);

    /**
     * Counts one use if the invite is unexpired at {@code now} and has uses left.
     *
     * @return rows updated (0 or 1)
     */
    @Query("""
            UPDATE invites SET uses = uses + 1
            WHERE code = :code AND expires_at > :now AND uses < max_uses""")
    int tryUse(String code, long now);

    void upsert(InviteRow row);

    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = VendorCondition.OnH2.class)
    interface H2 extends InviteRepository {
        @Override
        @Query(
                value = "MERGE INTO invites t USING (VALUES (:code)) s (code) ON t.code = s.code"
                        + " WHEN MATCHED THEN UPDATE SET " + UPDATE
                        + " WHEN NOT MATCHED THEN INSERT (" + COLUMNS + ") VALUES (" + PARAMETERS + ")",
                readOnly = false)
        void upsert(InviteRow row);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = VendorCondition.OnPostgres.class)
    interface Postgres extends InviteRepository {
        @Override
        @Query(INSERT + " ON CONFLICT (code) DO UPDATE SET " + UPDATE)
        void upsert(InviteRow row);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = VendorCondition.OnMySql.class)
    interface MySql extends InviteRepository {
        @Override
        @Query(INSERT + " ON DUPLICATE KEY UPDATE " + UPDATE)
        void upsert(InviteRow row);
    }
}
