package dev.directupload.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The persistence contract on JDBC and a fresh database of MariaDB on 127.0.0.1:3306 (skipped when unreachable). */
class MariaDbPersistenceContractTest extends JdbcPersistenceContract {

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() throws Exception {
        database = TestDatabase.mariadb();
    }

    /** Every test of an unreachable database is reported as skipped, with the reason. */
    @BeforeEach
    void requireDatabase() {
        Assumptions.assumeTrue(database != null, TestDatabase.mariadbUnreachable());
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void runsOnItsDatabaseWithItsVendorsMigration() throws Exception {
        assertThat(DatabaseVendor.of(database.context())).isEqualTo(DatabaseVendor.MYSQL);
        assertThat(database.queryOne("SELECT COUNT(*) FROM media_files")).isEqualTo("0");
        assertThat(database.queryOne("SELECT table_collation FROM information_schema.tables"
                        + " WHERE table_schema = DATABASE() AND table_name = 'invites'"))
                .as("case-sensitive invite codes, as the mysql migration declares")
                .isEqualTo("utf8mb4_bin");
    }

    @Override
    TestDatabase database() {
        return database;
    }
}
