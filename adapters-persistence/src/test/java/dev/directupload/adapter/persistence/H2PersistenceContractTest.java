package dev.directupload.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.application.contract.AlbumPortContract;
import dev.directupload.application.contract.FamilyPortsContract;
import dev.directupload.application.contract.MediaPortsContract;
import dev.directupload.application.contract.PersistencePorts;
import dev.directupload.application.contract.TransactionPortContract;
import dev.directupload.application.contract.UploadSlotPortsContract;
import dev.directupload.application.contract.UserPortsContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The persistence contract on JDBC and a fresh H2 file database (always runs). */
class H2PersistenceContractTest {

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

    @Nested
    class Users extends UserPortsContract {
        @Override
        protected PersistencePorts ports() {
            return database.ports();
        }
    }

    @Nested
    class Families extends FamilyPortsContract {
        @Override
        protected PersistencePorts ports() {
            return database.ports();
        }
    }

    @Nested
    class Albums extends AlbumPortContract {
        @Override
        protected PersistencePorts ports() {
            return database.ports();
        }
    }

    @Nested
    class Media extends MediaPortsContract {
        @Override
        protected PersistencePorts ports() {
            return database.ports();
        }
    }

    @Nested
    class UploadSlots extends UploadSlotPortsContract {
        @Override
        protected PersistencePorts ports() {
            return database.ports();
        }
    }

    @Nested
    class Transactions extends TransactionPortContract {
        @Override
        protected PersistencePorts ports() {
            return database.ports();
        }
    }
}
