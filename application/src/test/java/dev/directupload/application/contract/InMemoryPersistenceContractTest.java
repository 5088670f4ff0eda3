package dev.directupload.application.contract;

import dev.directupload.application.harness.InMemoryMetadataStore;
import org.junit.jupiter.api.Nested;

/** The persistence contract on the in-memory harness: a fresh store for every test. */
class InMemoryPersistenceContractTest {

    private final PersistencePorts ports = PersistencePorts.of(new InMemoryMetadataStore());

    @Nested
    class Users extends UserPortsContract {
        @Override
        protected PersistencePorts ports() {
            return ports;
        }
    }

    @Nested
    class Families extends FamilyPortsContract {
        @Override
        protected PersistencePorts ports() {
            return ports;
        }
    }

    @Nested
    class Albums extends AlbumPortContract {
        @Override
        protected PersistencePorts ports() {
            return ports;
        }
    }

    @Nested
    class Media extends MediaPortsContract {
        @Override
        protected PersistencePorts ports() {
            return ports;
        }
    }

    @Nested
    class UploadSlots extends UploadSlotPortsContract {
        @Override
        protected PersistencePorts ports() {
            return ports;
        }
    }

    @Nested
    class Transactions extends TransactionPortContract {
        @Override
        protected PersistencePorts ports() {
            return ports;
        }
    }
}
