package dev.directupload.adapter.persistence;

import dev.directupload.adapter.persistence.album.JdbcAlbumAdapter;
import dev.directupload.adapter.persistence.family.JdbcFamilyAdapter;
import dev.directupload.adapter.persistence.family.JdbcFamilyUsageAdapter;
import dev.directupload.adapter.persistence.identity.JdbcUserAdapter;
import dev.directupload.adapter.persistence.media.JdbcMediaFileAdapter;
import dev.directupload.adapter.persistence.media.JdbcObjectKeyGuardAdapter;
import dev.directupload.adapter.persistence.upload.JdbcSweepLeaseAdapter;
import dev.directupload.adapter.persistence.upload.JdbcUploadSlotAdapter;
import dev.directupload.application.contract.PersistencePorts;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A database made for one test run: a fresh H2 file, PostgreSQL schema or MariaDB database, migrated by
 * Flyway through the application context under test, and dropped again on {@link #close()}. For PostgreSQL
 * and MariaDB the factories return null, after printing a SKIPPED line, when nothing listens on their port (127.0.0.1:5432 and :3306; other ports with
 * {@code -Dtest.postgres.port} and {@code -Dtest.mariadb.port}).
 */
final class TestDatabase implements AutoCloseable {

    private final ApplicationContext context;
    private final Runnable drop;
    private final PersistencePorts ports;
    private final Map<String, Object> datasource;

    private TestDatabase(Map<String, Object> datasource, Runnable drop) {
        this.datasource = datasource;
        Map<String, Object> properties = new HashMap<>();
        datasource.forEach((k, v) -> properties.put("datasources.default." + k, v));
        properties.put("upload.rate-limit.store", "database");
        try {
            this.context = ApplicationContext.builder()
                    .environments("test")
                    .properties(properties)
                    .start();
        } catch (RuntimeException e) {
            drop.run();
            throw e;
        }
        this.drop = drop;
        JdbcUserAdapter users = context.getBean(JdbcUserAdapter.class);
        JdbcFamilyAdapter families = context.getBean(JdbcFamilyAdapter.class);
        JdbcMediaFileAdapter media = context.getBean(JdbcMediaFileAdapter.class);
        JdbcUploadSlotAdapter slots = context.getBean(JdbcUploadSlotAdapter.class);
        this.ports = new PersistencePorts(
                users,
                users,
                families,
                families,
                families,
                context.getBean(JdbcAlbumAdapter.class),
                media,
                media,
                media,
                media,
                media,
                media,
                slots,
                slots,
                context.getBean(JdbcObjectKeyGuardAdapter.class),
                context.getBean(JdbcFamilyUsageAdapter.class),
                context.getBean(JdbcSweepLeaseAdapter.class),
                context.getBean(JdbcTransactionAdapter.class));
    }

    PersistencePorts ports() {
        return ports;
    }

    ApplicationContext context() {
        return context;
    }

    /** A connection of its own to this database; the caller closes it. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection((String) datasource.get("url"), (String) datasource.get("username"), (String)
                datasource.get("password"));
    }

    /** Runs {@code sql} on a connection of its own and returns the first column of the first row. */
    String queryOne(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    static TestDatabase h2() throws IOException {
        Path dir = Files.createTempDirectory("direct-upload-h2-");
        return new TestDatabase(
                Map.of(
                        "url",
                        "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000",
                        "username",
                        "sa",
                        "password",
                        ""),
                () -> deleteTree(dir));
    }

    /** A fresh schema of database {@code test}, or null when PostgreSQL is not reachable. */
    static TestDatabase postgres() {
        int port = postgresPort();
        if (!reachable(port, postgresUnreachable())) {
            return null;
        }
        String schema = "du_test_" + suffix();
        String server = "jdbc:postgresql://127.0.0.1:" + port + "/test";
        String user = firstWorkingUser(server, "postgres", "root");
        execute(server, user, "", "CREATE SCHEMA " + schema);
        return new TestDatabase(
                Map.of("url", server + "?currentSchema=" + schema, "username", user, "password", ""),
                () -> execute(server, user, "", "DROP SCHEMA " + schema + " CASCADE"));
    }

    /** A fresh database, or null when MariaDB is not reachable. */
    static TestDatabase mariadb() {
        int port = mariadbPort();
        if (!reachable(port, mariadbUnreachable())) {
            return null;
        }
        String database = "du_test_" + suffix();
        String server = "jdbc:mariadb://127.0.0.1:" + port + "/test";
        execute(server, "root", "", "CREATE DATABASE " + database);
        return new TestDatabase(
                Map.of("url", "jdbc:mariadb://127.0.0.1:" + port + "/" + database, "username", "root", "password", ""),
                () -> execute(server, "root", "", "DROP DATABASE " + database));
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            drop.run();
        }
    }

    static String postgresUnreachable() {
        return "PostgreSQL not reachable on 127.0.0.1:" + postgresPort();
    }

    static String mariadbUnreachable() {
        return "MariaDB not reachable on 127.0.0.1:" + mariadbPort();
    }

    private static int postgresPort() {
        return Integer.getInteger("test.postgres.port", 5432);
    }

    private static int mariadbPort() {
        return Integer.getInteger("test.mariadb.port", 3306);
    }

    /** True when something accepts connections on the port; otherwise prints why the tests will be skipped. */
    private static boolean reachable(int port, String reason) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            System.out.println("SKIPPED: " + reason + " (" + e.getMessage() + ")");
            return false;
        }
    }

    private static String firstWorkingUser(String url, String... users) {
        SQLException last = null;
        for (String user : users) {
            try (Connection ignored = DriverManager.getConnection(url, user, "")) {
                return user;
            } catch (SQLException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no account of " + String.join(", ", users) + " can log in to " + url, last);
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("failed on " + url + ": " + sql, e);
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException("could not delete " + dir, e);
        }
    }
}
