package dev.directupload.adapter.persistence.identity;

import dev.directupload.adapter.persistence.VendorCondition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** {@code users}; portable SQL here, the frame of the insert that tolerates a duplicate in each dialect below. */
interface UserRepository extends GenericRepository<UserRow, String> {

    /** The columns of a row and, in the same order, the {@link UserRow} properties bound to them. */
    String COLUMNS = "id, provider, subject, union_id, created_at";

    String PARAMETERS = ":id, :provider, :subject, :unionId, :createdAt";
    String INSERT = "INSERT INTO users (" + COLUMNS + ") VALUES (" + PARAMETERS + ")";

    Optional<UserRow> findById(String id);

    @Query("SELECT * FROM users WHERE provider = :provider AND subject = :subject")
    Optional<UserRow> findByIdentity(String provider, String subject);

    /** Inserts the user unless the id or the (provider, subject) identity is taken; never fails on a duplicate. */
    void insertIfAbsent(UserRow row);

    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = VendorCondition.OnH2.class)
    interface H2 extends UserRepository {
        @Override
        @Query(
                value = "MERGE INTO users t USING (VALUES (:id, :provider, :subject)) s (id, provider, subject)"
                        + " ON t.id = s.id OR (t.provider = s.provider AND t.subject = s.subject)"
                        + " WHEN NOT MATCHED THEN INSERT (" + COLUMNS + ") VALUES (" + PARAMETERS + ")",
                readOnly = false)
        void insertIfAbsent(UserRow row);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = VendorCondition.OnPostgres.class)
    interface Postgres extends UserRepository {
        @Override
        @Query(INSERT + " ON CONFLICT DO NOTHING")
        void insertIfAbsent(UserRow row);
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    @Requires(condition = VendorCondition.OnMySql.class)
    interface MySql extends UserRepository {
        @Override
        @Query(INSERT + " ON DUPLICATE KEY UPDATE id = id")
        void insertIfAbsent(UserRow row);

        @Override
        @Query("SELECT * FROM users WHERE provider = :provider AND subject = :subject LOCK IN SHARE MODE")
        Optional<UserRow> findByIdentity(String provider, String subject);
    }
}
