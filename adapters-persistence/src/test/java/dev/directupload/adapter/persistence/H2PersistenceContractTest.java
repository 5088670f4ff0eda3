package dev.directupload.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Override
    TestDatabase database() {
        return database;
    }
}
