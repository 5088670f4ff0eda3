package dev.directupload.adapter.persistence;

import dev.directupload.application.contract.AlbumPortContract;
import dev.directupload.application.contract.FamilyPortsContract;
import dev.directupload.application.contract.MediaPortsContract;
import dev.directupload.application.contract.PersistencePorts;
import dev.directupload.application.contract.TransactionPortContract;
import dev.directupload.application.contract.UploadSlotPortsContract;
import dev.directupload.application.contract.UserPortsContract;
import org.junit.jupiter.api.Nested;

/** Every port contract on the JDBC adapters of one database; subclasses say which database. */
abstract class JdbcPersistenceContract {

    /** The database of this run, created before any test. */
    abstract TestDatabase database();

    @Nested
    class Users extends UserPortsContract {
        @Override
        protected PersistencePorts ports() {
            return database().ports();
        }
    }

    @Nested
    class Families extends FamilyPortsContract {
        @Override
        protected PersistencePorts ports() {
            return database().ports();
        }
    }

    @Nested
    class Albums extends AlbumPortContract {
        @Override
        protected PersistencePorts ports() {
            return database().ports();
        }
    }

    @Nested
    class Media extends MediaPortsContract {
        @Override
        protected PersistencePorts ports() {
            return database().ports();
        }
    }

    @Nested
    class UploadSlots extends UploadSlotPortsContract {
        @Override
        protected PersistencePorts ports() {
            return database().ports();
        }
    }

    @Nested
    class Transactions extends TransactionPortContract {
        @Override
        protected PersistencePorts ports() {
            return database().ports();
        }
    }
}
