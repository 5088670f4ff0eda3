package dev.directupload.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.annotation.Query;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The persistence contract on JDBC and a fresh H2 file database (always runs). */
class H2PersistenceContractTest extends JdbcPersistenceContract {

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() throws Exception {
        database = TestDatabase.h2();
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void runsOnItsDatabaseWithItsVendorsMigration() throws Exception {
        assertThat(DatabaseVendor.of(database.context())).isEqualTo(DatabaseVendor.H2);
        assertThat(database.queryOne("SELECT COUNT(*) FROM media_files")).isEqualTo("0");
        assertThat(database.queryOne("SELECT \"script\" FROM \"flyway_schema_history\" WHERE \"version\" = '1'"))
                .isEqualTo("V1__schema.sql");
    }

    /**
     * H2 plans both hash lookups on an index that starts with md5: the hash check reads only its own index, and
     * neither scans the family on the primary key (1000 hashes of a 1,000,000-object family took ~40 s that way).
     */
    @Test
    void hashLookups_arePlannedOnTheMd5Indexes() throws Exception {
        Method hashCheckOnH2 =
                Class.forName(STORED_OBJECTS + "$H2").getMethod("findVerifiedMd5s", String.class, Collection.class);
        assertThat(hashCheckOnH2.getDeclaringClass().getSimpleName())
                .as("H2 answers the hash check with its own query, not the inherited IN list")
                .isEqualTo("H2");
        assertThat(hashCheckOnH2.isDefault()).isTrue();
        String hashCheck = queryOf(STORED_OBJECTS + "$H2", "findVerifiedMd5sAsTable", String.class, String[].class);
        String wholeRows = queryOf(STORED_OBJECTS, "findByHashes", String.class, Collection.class)
                .replace("(:md5s)", "(:md5s, :md5s)");

        try (Connection connection = database.connect();
                PreparedStatement explain =
                        connection.prepareStatement("EXPLAIN " + hashCheck.replaceAll(":\\w+", "?"))) {
            explain.setArray(1, connection.createArrayOf("VARCHAR", new Object[] {MD5_A, MD5_B}));
            explain.setString(2, "f_any");
            assertThat(planOf(explain))
                    .contains("IX_STORED_OBJECTS_MD5_STATUS:")
                    .contains("MD5 = T.H")
                    .doesNotContain("PRIMARY_KEY");
        }
        try (Connection connection = database.connect();
                PreparedStatement explain =
                        connection.prepareStatement("EXPLAIN " + wholeRows.replaceAll(":\\w+", "?"))) {
            explain.setString(1, "f_any");
            explain.setString(2, MD5_A);
            explain.setString(3, MD5_B);
            assertThat(planOf(explain))
                    .contains("IX_STORED_OBJECTS_MD5: MD5 IN(")
                    .doesNotContain("PRIMARY_KEY");
        }
    }

    private static final String MD5_A = "0123456789abcdef0123456789abcdef";
    private static final String MD5_B = "fedcba9876543210fedcba9876543210";

    /** The repository is package-private to its adapter; its queries are read off the annotations. */
    private static final String STORED_OBJECTS = "dev.directupload.adapter.persistence.media.StoredObjectRepository";

    private static String queryOf(String repository, String method, Class<?>... parameters) throws Exception {
        return Class.forName(repository)
                .getMethod(method, parameters)
                .getAnnotation(Query.class)
                .value();
    }

    private static String planOf(PreparedStatement explain) throws Exception {
        try (ResultSet plan = explain.executeQuery()) {
            assertThat(plan.next()).isTrue();
            return plan.getString(1);
        }
    }

    @Override
    TestDatabase database() {
        return database;
    }
}
