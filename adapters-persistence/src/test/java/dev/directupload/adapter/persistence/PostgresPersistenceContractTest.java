package dev.directupload.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The persistence contract on JDBC and a fresh schema of PostgreSQL on 127.0.0.1:5432 (skipped when unreachable). */
class PostgresPersistenceContractTest extends JdbcPersistenceContract {

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() throws Exception {
        database = TestDatabase.postgres();
    }

    /** Every test of an unreachable database is reported as skipped, with the reason. */
    @BeforeEach
    void requireDatabase() {
        Assumptions.assumeTrue(database != null, TestDatabase.postgresUnreachable());
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void runsOnItsDatabaseWithItsVendorsMigration() throws Exception {
        assertThat(DatabaseVendor.of(database.context())).isEqualTo(DatabaseVendor.POSTGRES);
        assertThat(database.queryOne("SELECT COUNT(*) FROM media_files")).isEqualTo("0");
        assertThat(
                        database.queryOne(
                                "SELECT collation_name FROM information_schema.columns"
                                        + " WHERE table_schema = current_schema() AND table_name = 'media_files' AND column_name = 'id'"))
                .as("media_files.id orders bytewise, as the postgresql migration declares")
                .isEqualTo("C");
    }

    @Override
    TestDatabase database() {
        return database;
    }
}
