package dev.directupload.adapter.persistence.family;

import dev.directupload.adapter.persistence.VendorCondition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** {@code memberships}; the duplicate-tolerant insert and the last-owner delete differ per dialect. */
interface MembershipRepository extends GenericRepository<MembershipRow, Void> {

    /** The columns of a row and, in the same order, the {@link MembershipRow} properties bound to them. */
    String COLUMNS = "family_id, user_id, role, joined_at";

    String PARAMETERS = ":familyId, :userId, :role, :joinedAt";
    String INSERT = "INSERT INTO memberships (" + COLUMNS + ") VALUES (" + PARAMETERS + ")";

    @Query("SELECT * FROM memberships WHERE family_id = :familyId AND user_id = :userId")
    Optional<MembershipRow> find(String familyId, String userId);

    @Query("SELECT * FROM memberships WHERE family_id = :familyId ORDER BY joined_at, user_id")
    List<MembershipRow> listByFamily(String familyId);

    @Query("SELECT * FROM memberships WHERE user_id = :userId ORDER BY joined_at, family_id")
    List<MembershipRow> listByUser(String userId);

    /** Inserts the membership unless (family, user) exists; never fails on a duplicate. */
    void insertIfAbsent(MembershipRow row);

    /**
     * Deletes the membership when it is not an owner's or another owner remains, in one statement.
     *
     * @return rows deleted (0 or 1)
     */
    @Query("""
            DELETE FROM memberships WHERE family_id = :familyId AND user_id = :userId
              AND (role <> 'OWNER' OR EXISTS (SELECT 1 FROM memberships o
                     WHERE o.family_id = :familyId AND o.role = 'OWNER' AND o.user_id <> :userId))""")
    int deleteUnlessLastOwner(String familyId, String userId);

    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = VendorCondition.OnH2.class)
    interface H2 extends MembershipRepository {
        @Override
        @Query(
                value = "MERGE INTO memberships t USING (VALUES (:familyId, :userId)) s (family_id, user_id)"
                        + " ON t.family_id = s.family_id AND t.user_id = s.user_id"
                        + " WHEN NOT MATCHED THEN INSERT (" + COLUMNS + ") VALUES (" + PARAMETERS + ")",
                readOnly = false)
        void insertIfAbsent(MembershipRow row);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = VendorCondition.OnPostgres.class)
    interface Postgres extends MembershipRepository {
        @Override
        @Query(INSERT + " ON CONFLICT DO NOTHING")
        void insertIfAbsent(MembershipRow row);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = VendorCondition.OnMySql.class)
    interface MySql extends MembershipRepository {
        @Override
        @Query(INSERT + " ON DUPLICATE KEY UPDATE role = role")
        void insertIfAbsent(MembershipRow row);

        @Override
        @Query("SELECT * FROM memberships WHERE family_id = :familyId AND user_id = :userId LOCK IN SHARE MODE")
        Optional<MembershipRow> find(String familyId, String userId);

        /** MySQL refuses a subquery on the table being deleted from unless it is a materialised derived table. */
        @Override
        @Query("""
                DELETE FROM memberships WHERE family_id = :familyId AND user_id = :userId
                  AND (role <> 'OWNER' OR EXISTS (SELECT 1 FROM (SELECT user_id FROM memberships
                         WHERE family_id = :familyId AND role = 'OWNER') o WHERE o.user_id <> :userId))""")
        int deleteUnlessLastOwner(String familyId, String userId);
    }
}
