package dev.directupload.adapter.persistence;

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

/** The persistence contract on JDBC and a fresh database of MariaDB on 127.0.0.1:3306 (skipped when unreachable). */
class MariaDbPersistenceContractTest {

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() throws Exception {
        database = TestDatabase.mariadb();
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
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
