package dev.directupload.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.adapter.persistence.ratelimit.JdbcRateLimitAdapter;
import dev.directupload.application.contract.AlbumPortContract;
import dev.directupload.application.contract.FamilyPortsContract;
import dev.directupload.application.contract.MediaPortsContract;
import dev.directupload.application.contract.PersistencePorts;
import dev.directupload.application.contract.RateLimitPortContract;
import dev.directupload.application.contract.TransactionPortContract;
import dev.directupload.application.contract.UploadSlotPortsContract;
import dev.directupload.application.contract.UserPortsContract;
import dev.directupload.application.port.out.ratelimit.RateLimitPort;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every port contract on the JDBC adapters of one database; subclasses say which database. */
abstract class JdbcPersistenceContract {

    /** The database of this run, created before any test. */
    abstract TestDatabase database();

    /**
     * The migrated schema is, fact for fact, the one recorded in {@code src/test/resources/schema/<vendor>.txt}:
     * a schema change shows up as a diff of that file. The dump of this run is written to
     * {@code target/schema/<vendor>.txt}.
     */
    @Test
    void migratedSchemaIsTheRecordedOne() throws Exception {
        DatabaseVendor vendor = DatabaseVendor.of(database().context());
        String name = vendor.name().toLowerCase(Locale.ROOT) + ".txt";
        List<String> actual;
        try (Connection connection = database().connect()) {
            actual = SchemaDump.of(vendor, connection);
        }
        Path written = Path.of("target", "schema", name);
        Files.createDirectories(written.getParent());
        Files.write(written, actual, StandardCharsets.UTF_8);

        assertThat(actual).as("schema of %s, dumped to %s", vendor, written).isEqualTo(recorded("/schema/" + name));
    }

    private static List<String> recorded(String resource) throws IOException {
        try (InputStream in = JdbcPersistenceContract.class.getResourceAsStream(resource)) {
            assertThat(in).as("recorded schema %s", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

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

    /** {@code upload.rate-limit.store=database}: the buckets every instance shares. */
    @Nested
    class RateLimits extends RateLimitPortContract {
        @Override
        protected RateLimitPort rateLimits() {
            return database().context().getBean(JdbcRateLimitAdapter.class);
        }
    }
}
