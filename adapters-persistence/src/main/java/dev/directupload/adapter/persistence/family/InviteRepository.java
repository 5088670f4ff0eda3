package dev.directupload.adapter.persistence.family;

import dev.directupload.adapter.persistence.VendorCondition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** {@code invites}; the upsert differs per dialect, counting a use is one conditional UPDATE everywhere. */
interface InviteRepository extends GenericRepository<InviteRow, String> {

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

    void upsert(String code, String familyId, String createdBy, long createdAt, long expiresAt, int maxUses, int uses);

    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = VendorCondition.OnH2.class)
    interface H2 extends InviteRepository {
        @Override
        @Query("""
                MERGE INTO invites t
                  USING (VALUES (:code, :familyId, :createdBy, :createdAt, :expiresAt, :maxUses, :uses))
                    s (code, family_id, created_by, created_at, expires_at, max_uses, uses)
                  ON t.code = s.code
                WHEN MATCHED THEN UPDATE SET expires_at = s.expires_at, max_uses = s.max_uses, uses = s.uses
                WHEN NOT MATCHED THEN INSERT (code, family_id, created_by, created_at, expires_at, max_uses, uses)
                  VALUES (s.code, s.family_id, s.created_by, s.created_at, s.expires_at, s.max_uses, s.uses)""")
        void upsert(
                String code, String familyId, String createdBy, long createdAt, long expiresAt, int maxUses, int uses);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = VendorCondition.OnPostgres.class)
    interface Postgres extends InviteRepository {
        @Override
        @Query("""
                INSERT INTO invites (code, family_id, created_by, created_at, expires_at, max_uses, uses)
                VALUES (:code, :familyId, :createdBy, :createdAt, :expiresAt, :maxUses, :uses)
                ON CONFLICT (code) DO UPDATE SET expires_at = EXCLUDED.expires_at, max_uses = EXCLUDED.max_uses,
                  uses = EXCLUDED.uses""")
        void upsert(
                String code, String familyId, String createdBy, long createdAt, long expiresAt, int maxUses, int uses);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = VendorCondition.OnMySql.class)
    interface MySql extends InviteRepository {
        @Override
        @Query("""
                INSERT INTO invites (code, family_id, created_by, created_at, expires_at, max_uses, uses)
                VALUES (:code, :familyId, :createdBy, :createdAt, :expiresAt, :maxUses, :uses)
                ON DUPLICATE KEY UPDATE expires_at = VALUES(expires_at), max_uses = VALUES(max_uses),
                  uses = VALUES(uses)""")
        void upsert(
                String code, String familyId, String createdBy, long createdAt, long expiresAt, int maxUses, int uses);
    }
}
