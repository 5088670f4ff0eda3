// Crash test of the packaged service (issue 16): SIGKILL in the middle of a parallel upload batch, restart on the
// same data, then count what was acknowledged and is gone, and what is left half-made after the sweeper ran.
//
//   java -cp bootstrap/target/direct-upload.jar bench/crash/Crash.java [options]
//
// The classpath gives this program the JDBC drivers of the jar (H2, PostgreSQL, MariaDB) for the final look at the
// database; the service itself runs as a separate process (java -jar, or --classpath/--main). Options:
//   --db h2|postgresql|mariadb   database (default h2: the service's own default URL under ./data)
//   --runs N                     runs (default 1); every run starts from an empty data directory / schema
//   --clients N                  parallel clients (default 60)
//   --kill-after SECONDS         SIGKILL this long after the clients started (default 1.5), but not before
//   --min-acked N                completes were acknowledged in the batch (default 20; for a busy machine)
//   --h2-url URL                 H2 URL to run with instead of the service's default (e.g. the pre-fix one)
//   --jar PATH                   service jar (default bootstrap/target/direct-upload.jar)
//   --classpath CP --main CLASS  run the service from a classpath instead of a jar (used by the bootstrap test)
//   --port N                     HTTP port (default 18790)
//   --keep                       keep the work directory and the schema / database
// Environment: PGHOST/PGPORT/PGUSER/PGDATABASE (127.0.0.1/5432/postgres/test), MARIADB_HOST/MARIADB_PORT/MARIADB_USER
// (127.0.0.1/3306/root, empty password).
//
// Each client: dev login as its own user, creates a family and an album (even clients also create an invite, which
// the next odd client accepts), then prepares, uploads (multipart POST of the signed form to the local store) and
// completes one new random file after another, deleting every third completed photo (which one depends on the
// client), until the service dies (one
// more client does three such cycles first, as a warm-up, before the others start and the kill clock runs). Every
// answer received is an acknowledgement to check; a request without an answer has an unknown outcome.
// After the kill the service restarts on the same data (same settings: form TTL 10 s, sweep every 1 s, sweep grace
// 2 s), and the program checks through the API, then (service stopped) in the database and the store's folder:
//   acked_missing     completes answered 200 whose photo is not listed right after the restart (must be 0)
//   lost_after_sweep  of those, whose bytes are still not listed (under any photo id) after the sweeper ran
//   bad_bytes         acknowledged photos whose presigned GET does not return the uploaded bytes (must be 0)
//   lost_families / lost_albums / lost_members / resurrected   acknowledged family, album, accepted invite,
//                     deleted photo not as acknowledged after the restart (must be 0)
//   retried / retry_failed   complete retried for uploads the store acknowledged but complete did not (must all be 200)
//   sweeper_completed photos recorded by the sweeper (bytes arrived, nobody completed)
//   pending_slots     upload slots still PENDING after the sweeper ran (must be 0)
//   orphan_objects    objects in the store that no stored-object record names after the sweeper ran (must be 0)
//   missing_objects   stored-object records whose object is not in the store (must be 0)
//   deleted_left      objects of acknowledged photo deletions still in the store after the sweeper ran (must be 0)
//   tmp_cleaned       unfinished uploads the local store removed from .tmp at the restart
//   client_errors     answers other than the expected ones before the kill (must be 0)
// A run in which no complete was acknowledged during the storm proves nothing and counts as failed.
// Exit status 1 when any "must" count is not 0 in any run. Per-run lines and a Markdown table go to stdout and to
// bench/crash/results/ (not committed).
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

public class Crash {

    static final Duration POLICY_TTL = Duration.ofSeconds(10);
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);
    static final Duration SWEEP_GRACE = Duration.ofSeconds(2);
    static final List<String> MUST_BE_ZERO = List.of("acked_missing", "bad_bytes", "lost_families", "lost_albums",
            "lost_members", "resurrected", "retry_failed", "pending_slots", "orphan_objects", "missing_objects",
            "deleted_left", "client_errors");

    static String db = "h2";
    static int runs = 1;
    static int clients = 60;
    static double killAfter = 1.5;
    static int minAcked = 20;
    static String h2Url;
    static String jar = "bootstrap/target/direct-upload.jar";
    static String classpath;
    static String mainClass;
    static int port = 18790;
    static boolean keep;

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--db" -> db = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--kill-after" -> killAfter = Double.parseDouble(args[++i]);
                case "--min-acked" -> minAcked = Integer.parseInt(args[++i]);
                case "--h2-url" -> h2Url = args[++i];
                case "--jar" -> jar = args[++i];
                case "--classpath" -> classpath = args[++i];
                case "--main" -> mainClass = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--keep" -> keep = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (!List.of("h2", "postgresql", "mariadb").contains(db)) {
            throw new IllegalArgumentException("--db must be h2, postgresql or mariadb");
        }
        String stamp = Instant.now().toString().replace(":", "").replaceAll("\\..*", "Z");
        Path results = Path.of("bench/crash/results");
        Path report = Files.isDirectory(Path.of("bench/crash")) ? results.resolve("crash-" + db + "-" + stamp + ".txt") : null;
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean failed = false;
        for (int run = 1; run <= runs; run++) {
            Map<String, Object> row = new Run(run).execute();
            rows.add(row);
            String line = "RUN " + row.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .reduce((a, b) -> a + " " + b).orElse("");
            System.out.println(line);
            if (report != null) {
                Files.createDirectories(results);
                Files.writeString(report, line + "\n", StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
            if (anyMustBeZeroIsNot(row)) {
                failed = true;
            }
            if (((Number) row.get("acked_in_storm")).longValue() == 0) {
                System.out.println("run " + run + " is inconclusive: no complete was acknowledged during the storm "
                        + "(raise --kill-after on a busy machine)");
                failed = true;
            }
        }
        String table = table(rows);
        System.out.println();
        System.out.println(table);
        if (report != null) {
            Files.writeString(report, "\n" + table + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            System.out.println("report: " + report);
        }
        System.out.println(failed ? "RESULT: FAILED (a count that must be 0 is not)" : "RESULT: all must-be-zero counts are 0");
        System.exit(failed ? 1 : 0);
    }

    static String table(List<Map<String, Object>> rows) {
        List<String> columns = List.of("run", "db", "h2_url", "acked_completes", "acked_missing", "lost_after_sweep",
                "bad_bytes", "lost_families", "lost_albums", "lost_members", "resurrected", "retried", "retry_failed",
                "sweeper_completed", "pending_slots", "orphan_objects", "missing_objects", "deleted_left",
                "tmp_cleaned", "restart_ms");
        StringBuilder sb = new StringBuilder("| " + String.join(" | ", columns) + " |\n|");
        columns.forEach(c -> sb.append("---|"));
        for (Map<String, Object> row : rows) {
            sb.append("\n|");
            for (String c : columns) {
                sb.append(' ').append(row.getOrDefault(c, "")).append(" |");
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------ one run

    static final class Run {
        final int number;
        final Path work;
        final String schema;
        final Map<String, Object> row = new LinkedHashMap<>();
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        final String base = "http://127.0.0.1:" + port;
        Process service;
        Path log;
        final AtomicInteger stormCompletes = new AtomicInteger();

        Run(int number) throws IOException {
            this.number = number;
            this.work = Files.createTempDirectory("crash-run-");
            this.schema = "crash_" + ProcessHandle.current().pid() + "_" + number;
            this.log = work.resolve("service.log");
        }

        Map<String, Object> execute() throws Exception {
            row.put("run", number);
            row.put("db", db);
            row.put("h2_url", db.equals("h2") ? (h2Url == null ? "default" : h2Url) : "-");
            createDatabase();
            try {
                start();
                List<Client> all = storm();
                restartAndCheck(all);
                if (anyMustBeZeroIsNot(row)) {
                    System.out.println("run " + number + " failed; the service's errors:\n" + errorsOf(log));
                }
                return row;
            } finally {
                if (service != null && service.isAlive()) {
                    service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
                if (!keep) {
                    dropDatabase();
                    deleteTree(work);
                } else {
                    System.out.println("kept " + work + (db.equals("h2") ? "" : " and " + schema));
                }
            }
        }

        // -------------------------------------------------------------------------------- the service

        List<String> command() {
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-Dmicronaut.server.port=" + port,
                    "-Dupload.policy-ttl=" + POLICY_TTL.toSeconds() + "s",
                    "-Dupload.sweep-interval=" + SWEEP_INTERVAL.toSeconds() + "s",
                    "-Dupload.sweep-grace=" + SWEEP_GRACE.toSeconds() + "s",
                    "-Dupload.rate-limit.capacity=100000",
                    "-Dupload.rate-limit.per-minute=100000",
                    "-Dupload.rate-limit.check-capacity=100000",
                    "-Dupload.rate-limit.check-per-minute=100000",
                    "-Dupload.rate-limit.login-capacity=100000",
                    "-Dupload.rate-limit.login-per-minute=100000"));
            switch (db) {
                case "h2" -> {
                    if (h2Url != null) {
                        cmd.add("-Ddatasources.default.url=" + h2Url);
                    }
                }
                case "postgresql" -> {
                    cmd.add("-Ddatasources.default.url=" + pgUrl());
                    cmd.add("-Ddatasources.default.username=" + env("PGUSER", "postgres"));
                    cmd.add("-Ddatasources.default.password=");
                }
                default -> {
                    cmd.add("-Ddatasources.default.url=" + mariaUrl(schema));
                    cmd.add("-Ddatasources.default.username=" + env("MARIADB_USER", "root"));
                    cmd.add("-Ddatasources.default.password=");
                }
            }
            if (mainClass != null) {
                cmd.addAll(List.of("-cp", classpath, mainClass));
            } else {
                cmd.addAll(List.of("-jar", Path.of(jar).toAbsolutePath().toString()));
            }
            return cmd;
        }

        long start() throws Exception {
            long t0 = System.nanoTime();
            service = new ProcessBuilder(command())
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            for (int i = 0; i < 1200; i++) {
                if (!service.isAlive()) {
                    break;
                }
                try {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    if (health.statusCode() == 200) {
                        return (System.nanoTime() - t0) / 1_000_000;
                    }
                } catch (IOException e) {
                    // not yet listening
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("service did not become healthy; log " + log + ":\n" + tail(log));
        }

        void stopGracefully() throws Exception {
            service.destroy(); // SIGTERM: Micronaut closes the pool and the database
            if (!service.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("service did not stop within 60 s");
            }
        }

        // -------------------------------------------------------------------------------- before the kill

        List<Client> storm() throws Exception {
            List<Client> all = new ArrayList<>();
            Map<Integer, CompletableFuture<String>> invites = new ConcurrentHashMap<>();
            for (int i = 0; i < clients; i++) {
                all.add(new Client(this, i, invites));
                if (i % 2 == 0) {
                    invites.put(i, new CompletableFuture<>());
                }
            }
            // warm-up, not timed: one client does a few whole cycles first, so that the kill does not land in the
            // first JIT compilations and connection set-up; its acknowledgements are checked like all others
            Client warmup = new Client(this, clients, invites);
            warmup.cycles = 3;
            warmup.runUntilTheServiceDies();
            if (warmup.errors > 0) {
                throw new IllegalStateException("warm-up failed: " + warmup.firstError + "\nlog:\n" + tail(log));
            }
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long t0 = System.nanoTime();
            all.forEach(c -> pool.submit(c::runUntilTheServiceDies));
            Thread.sleep((long) (killAfter * 1000));
            while (stormCompletes.get() < minAcked && System.nanoTime() - t0 < 120_000_000_000L && service.isAlive()) {
                Thread.sleep(5);
            }
            service.destroyForcibly(); // SIGKILL on Linux
            long killedAtMs = (System.nanoTime() - t0) / 1_000_000;
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("service survived SIGKILL");
            }
            invites.values().forEach(f -> f.complete(null));
            pool.shutdown();
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("clients did not stop after the kill");
            }
            all.add(warmup);
            row.put("killed_at_ms", killedAtMs);
            row.put("exit", service.exitValue());
            row.put("acked_in_storm", all.stream().filter(c -> c != warmup)
                    .mapToLong(c -> c.uploads.stream().filter(u -> u.photoId != null).count()).sum());
            row.put("acked_completes", all.stream().mapToLong(c -> c.uploads.stream().filter(u -> u.photoId != null).count()).sum());
            row.put("acked_posts", all.stream().mapToLong(c -> c.uploads.stream().filter(u -> u.posted).count()).sum());
            row.put("prepared", all.stream().mapToLong(c -> c.uploads.size()).sum());
            row.put("acked_families", all.stream().filter(c -> c.familyId != null).count());
            row.put("acked_albums", all.stream().filter(c -> c.albumId != null).count());
            row.put("acked_accepts", all.stream().filter(c -> c.joinedFamily != null).count());
            row.put("acked_deletes", all.stream().mapToLong(c -> c.uploads.stream().filter(u -> u.deleted).count()).sum());
            row.put("client_errors", all.stream().mapToLong(c -> c.errors).sum());
            all.stream().filter(c -> c.firstError != null).limit(3).forEach(c -> System.out.println("client error: " + c.firstError));
            return all;
        }

        // -------------------------------------------------------------------------------- after the restart

        void restartAndCheck(List<Client> all) throws Exception {
            Instant killedAt = Instant.now();
            row.put("restart_ms", start());
            row.put("tmp_cleaned", tmpCleanedAtStart());

            // what was acknowledged is there
            int ackedMissing = 0;
            int badBytes = 0;
            int lostFamilies = 0;
            int lostAlbums = 0;
            int lostMembers = 0;
            int resurrected = 0;
            Set<String> storeKeysAfterRestart = storeKeys();
            for (Client c : all) {
                if (c.familyId != null && !c.familyIds().contains(c.familyId)) {
                    lostFamilies++;
                }
                if (c.joinedFamily != null && !c.familyIds().contains(c.joinedFamily)) {
                    lostMembers++;
                }
                if (c.albumId == null) {
                    continue;
                }
                if (!c.albumIds().contains(c.albumId)) {
                    lostAlbums++;
                    ackedMissing += (int) c.uploads.stream()
                            .filter(u -> u.photoId != null && !u.deleted && !u.deleteUnanswered)
                            .count();
                    continue;
                }
                Map<String, Map<String, Object>> listed = c.listPhotos();
                for (Upload u : c.uploads) {
                    if (u.deleteUnanswered) {
                        continue; // deleted or not: unknown
                    }
                    if (u.deleted) {
                        if (listed.containsKey(u.photoId)) {
                            resurrected++;
                        }
                        u.objectAfterRestart = storeKeysAfterRestart.contains(u.key);
                    } else if (u.photoId != null) {
                        Map<String, Object> photo = listed.get(u.photoId);
                        if (photo == null) {
                            ackedMissing++;
                            u.missingAfterRestart = true;
                        } else if (!u.md5.equals(md5(c.download((String) photo.get("url"))))) {
                            badBytes++;
                        }
                    }
                }
            }
            row.put("acked_missing", ackedMissing);
            row.put("bad_bytes", badBytes);
            row.put("lost_families", lostFamilies);
            row.put("lost_albums", lostAlbums);
            row.put("lost_members", lostMembers);
            row.put("resurrected", resurrected);

            // the client retries complete for what the store acknowledged
            int retried = 0;
            int retryFailed = 0;
            for (Client c : all) {
                for (Upload u : c.uploads) {
                    if (u.posted && u.photoId == null) {
                        retried++;
                        Answer a = c.call("POST", "/uploads/" + u.uploadId + "/complete", null);
                        if (a.status == 200) {
                            u.photoId = (String) a.json().get("id");
                            u.retriedOk = true;
                        } else {
                            retryFailed++;
                            System.out.println("retried complete " + u.uploadId + " -> " + a.status + " " + a.body);
                        }
                    }
                }
            }
            row.put("retried", retried);
            row.put("retry_failed", retryFailed);

            // the sweeper handles the rest: every form expired POLICY_TTL after its prepare, before the kill
            Instant sweptBy = killedAt.plus(POLICY_TTL).plus(SWEEP_GRACE).plus(SWEEP_INTERVAL.multipliedBy(3)).plusSeconds(2);
            long waitMs = Duration.between(Instant.now(), sweptBy).toMillis();
            if (waitMs > 0) {
                Thread.sleep(waitMs);
            }
            int lostAfterSweep = 0;
            int sweeperCompleted = 0;
            for (Client c : all) {
                if (c.albumId == null || !c.albumIds().contains(c.albumId)) {
                    continue;
                }
                Map<String, Map<String, Object>> listed = c.listPhotos();
                for (Upload u : c.uploads) {
                    if (u.missingAfterRestart
                            && listed.values().stream().noneMatch(p -> u.md5.equals(p.get("md5")))) {
                        lostAfterSweep++;
                    }
                    if (u.photoId == null) {
                        boolean recorded = listed.values().stream().anyMatch(p -> u.md5.equals(p.get("md5")));
                        if (recorded) {
                            sweeperCompleted++;
                        }
                    }
                }
            }
            row.put("lost_after_sweep", lostAfterSweep);
            row.put("sweeper_completed", sweeperCompleted);
            stopGracefully();

            // nothing half-made: the database and the store's folder, service stopped
            Set<String> storeKeys = storeKeys();
            Set<String> recordKeys = new HashSet<>();
            int pending = 0;
            try (Connection jdbc = connect(); Statement st = jdbc.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT object_key FROM stored_objects")) {
                    while (rs.next()) {
                        recordKeys.add(rs.getString(1));
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT status, COUNT(*) FROM upload_slots GROUP BY status")) {
                    while (rs.next()) {
                        row.put("slots_" + rs.getString(1).toLowerCase(), rs.getLong(2));
                        if (rs.getString(1).equals("PENDING")) {
                            pending = (int) rs.getLong(2);
                        }
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM pending_deletions")) {
                    rs.next();
                    row.put("deletions_queued", rs.getLong(1));
                }
            }
            row.put("pending_slots", pending);
            row.put("orphan_objects", storeKeys.stream().filter(k -> !recordKeys.contains(k)).count());
            row.put("missing_objects", recordKeys.stream().filter(k -> !storeKeys.contains(k)).count());
            row.put("deleted_left", all.stream().flatMap(c -> c.uploads.stream())
                    .filter(u -> u.deleted && storeKeys.contains(u.key)).count());
            row.put("deleted_queued_at_restart", all.stream().flatMap(c -> c.uploads.stream())
                    .filter(u -> u.deleted && u.objectAfterRestart).count());
            row.put("tmp_left", countEntries(work.resolve("data/objects/.tmp")));
            row.put("orphan_data_files", orphanDataFiles());
        }

        int tmpCleanedAtStart() throws IOException {
            int removed = 0;
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("Removed (\\d+) unfinished upload").matcher(line);
                if (m.find()) {
                    removed += Integer.parseInt(m.group(1));
                }
            }
            return removed;
        }

        /**
         * Keys of the objects the local store holds (its {@code meta} files). The service may be running and its
         * sweeper deleting objects meanwhile: an object that goes during the look is not there.
         */
        Set<String> storeKeys() throws IOException {
            Path bucket = work.resolve("data/objects/album-local");
            for (int attempt = 1; ; attempt++) {
                try {
                    return storeKeysOnce(bucket);
                } catch (UncheckedIOException e) {
                    // a folder went while it was walked
                    if (!(e.getCause() instanceof NoSuchFileException) || attempt == 5) {
                        throw e;
                    }
                }
            }
        }

        private static Set<String> storeKeysOnce(Path bucket) throws IOException {
            Set<String> keys = new HashSet<>();
            if (!Files.isDirectory(bucket)) {
                return keys;
            }
            try (Stream<Path> files = Files.walk(bucket)) {
                for (Path meta : files.filter(p -> p.getFileName().toString().equals("meta")).toList()) {
                    Properties p = new Properties();
                    try (Reader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
                        p.load(r);
                    } catch (NoSuchFileException deletedMeanwhile) {
                        continue;
                    }
                    keys.add(p.getProperty("key"));
                }
            }
            return keys;
        }

        /** Data files in the bucket that no {@code meta} names (bytes nobody can reach). */
        long orphanDataFiles() throws IOException {
            Path bucket = work.resolve("data/objects/album-local");
            if (!Files.isDirectory(bucket)) {
                return 0;
            }
            try (Stream<Path> files = Files.walk(bucket)) {
                return files.filter(p -> p.getFileName().toString().endsWith(".data")).filter(data -> {
                    Path meta = data.resolveSibling("meta");
                    Properties p = new Properties();
                    try (Reader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
                        p.load(r);
                    } catch (IOException e) {
                        return true;
                    }
                    return !data.getFileName().toString().equals(p.getProperty("data"));
                }).count();
            }
        }

        // -------------------------------------------------------------------------------- databases

        String pgUrl() {
            return "jdbc:postgresql://" + env("PGHOST", "127.0.0.1") + ":" + env("PGPORT", "5432") + "/"
                    + env("PGDATABASE", "test") + "?currentSchema=" + schema;
        }

        static String mariaUrl(String database) {
            return "jdbc:mariadb://" + env("MARIADB_HOST", "127.0.0.1") + ":" + env("MARIADB_PORT", "3306") + "/" + database;
        }

        Connection connect() throws Exception {
            return switch (db) {
                case "h2" -> DriverManager.getConnection("jdbc:h2:file:" + work.resolve("data/db") + ";IFEXISTS=TRUE", "sa", "");
                case "postgresql" -> DriverManager.getConnection(pgUrl(), env("PGUSER", "postgres"), "");
                default -> DriverManager.getConnection(mariaUrl(schema), env("MARIADB_USER", "root"), "");
            };
        }

        void createDatabase() throws Exception {
            if (db.equals("postgresql")) {
                try (Connection c = DriverManager.getConnection(pgUrl().replaceAll("\\?.*", ""), env("PGUSER", "postgres"), "");
                        Statement st = c.createStatement()) {
                    st.execute("CREATE SCHEMA " + schema);
                }
            } else if (db.equals("mariadb")) {
                try (Connection c = DriverManager.getConnection(mariaUrl(""), env("MARIADB_USER", "root"), "");
                        Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE " + schema + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                }
            }
        }

        void dropDatabase() {
            try {
                if (db.equals("postgresql")) {
                    try (Connection c = DriverManager.getConnection(pgUrl().replaceAll("\\?.*", ""), env("PGUSER", "postgres"), "");
                            Statement st = c.createStatement()) {
                        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                    }
                } else if (db.equals("mariadb")) {
                    try (Connection c = DriverManager.getConnection(mariaUrl(""), env("MARIADB_USER", "root"), "");
                            Statement st = c.createStatement()) {
                        st.execute("DROP DATABASE IF EXISTS " + schema);
                    }
                }
            } catch (Exception e) {
                System.out.println("could not drop " + schema + ": " + e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ a client

    static final class Upload {
        String uploadId;
        String key;
        String md5;
        boolean posted;
        String photoId;
        boolean deleted;
        boolean deleteUnanswered;
        boolean retriedOk;
        boolean missingAfterRestart;
        boolean objectAfterRestart;
    }

    /** The service stopped answering (killed): the request's outcome is unknown. */
    static final class ServiceGone extends Exception {
        ServiceGone(Throwable cause) {
            super(cause);
        }
    }

    record Answer(int status, String body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return (Map<String, Object>) Json.parse(body);
        }
    }

    static final class Client {
        final Run run;
        final int index;
        final Map<Integer, CompletableFuture<String>> invites;
        final Random random;
        final List<Upload> uploads = new ArrayList<>();
        String token;
        String familyId;
        String albumId;
        String joinedFamily;
        int errors;
        String firstError;
        int cycles = Integer.MAX_VALUE;

        Client(Run run, int index, Map<Integer, CompletableFuture<String>> invites) {
            this.run = run;
            this.index = index;
            this.invites = invites;
            this.random = new Random(run.number * 1000L + index);
        }

        void runUntilTheServiceDies() {
            try {
                token = (String) expect(post("/auth/dev/login", "{\"user\":\"crash-" + index + "\"}"), 200).get("token");
                familyId = (String) expect(post("/families", "{\"name\":\"crash family " + index + "\"}"), 201).get("id");
                if (index % 2 == 0 && invites.containsKey(index)) {
                    Map<String, Object> invite = expect(post("/families/" + familyId + "/invites", "{}"), 201);
                    invites.get(index).complete((String) invite.get("code"));
                }
                albumId = (String) expect(post("/families/" + familyId + "/albums", "{\"name\":\"crash album\"}"), 201).get("id");
                if (index % 2 == 1 && invites.containsKey(index - 1)) {
                    String code = invites.get(index - 1).get(10, TimeUnit.SECONDS);
                    if (code != null) {
                        Map<String, Object> joined = expect(post("/invites/" + code + "/accept", null), 200);
                        joinedFamily = (String) joined.get("id");
                    }
                }
                for (int n = 1; n <= cycles; n++) {
                    Upload u = uploadOne();
                    if ((n + index) % 3 == 0) {
                        u.deleteUnanswered = true;
                        Answer a = call("DELETE", "/photos/" + u.photoId, null);
                        u.deleteUnanswered = false;
                        if (a.status != 204) {
                            throw new IllegalStateException("DELETE photo -> " + a.status + " " + a.body);
                        }
                        u.deleted = true;
                    }
                }
            } catch (ServiceGone expected) {
                // killed: stop
            } catch (Exception e) {
                errors++;
                firstError = "client " + index + ": " + e;
            }
        }

        Upload uploadOne() throws Exception {
            byte[] content = new byte[8 * 1024 + random.nextInt(56 * 1024)];
            random.nextBytes(content);
            String md5 = md5(content);
            String body = "{\"family_id\":\"" + familyId + "\",\"album_id\":\"" + albumId + "\",\"files\":[{\"client_ref\":\"0\","
                    + "\"name\":\"IMG_" + uploads.size() + ".jpg\",\"size\":" + content.length
                    + ",\"type\":\"image/jpeg\",\"md5\":\"" + md5 + "\"}]}";
            Map<String, Object> prepared = expect(post("/uploads", body), 200);
            @SuppressWarnings("unchecked")
            Map<String, Object> item = ((List<Map<String, Object>>) prepared.get("items")).get(0);
            if (!"upload".equals(item.get("status"))) {
                throw new IllegalStateException("prepare answered " + item);
            }
            Upload u = new Upload();
            u.uploadId = (String) item.get("upload_id");
            u.md5 = md5;
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) item.get("fields");
            u.key = (String) fields.get("key");
            uploads.add(u);
            Answer posted = postForm((String) item.get("url"), fields, content);
            if (posted.status != 200) {
                throw new IllegalStateException("store POST -> " + posted.status + " " + posted.body);
            }
            u.posted = true;
            Map<String, Object> photo = expect(call("POST", "/uploads/" + u.uploadId + "/complete", null), 200);
            u.photoId = (String) photo.get("id");
            if (cycles == Integer.MAX_VALUE) {
                run.stormCompletes.incrementAndGet();
            }
            return u;
        }

        /** The caller's families; none when the service does not know the caller any more (a lost user). */
        Set<String> familyIds() throws Exception {
            Set<String> ids = new HashSet<>();
            Answer a = call("GET", "/families", null);
            if (a.status != 200) {
                System.out.println("client " + index + ": GET /families -> " + a.status + " " + a.body);
                return ids;
            }
            for (Object f : (List<?>) a.json().get("items")) {
                ids.add((String) ((Map<?, ?>) f).get("id"));
            }
            return ids;
        }

        Set<String> albumIds() throws Exception {
            Set<String> ids = new HashSet<>();
            Answer a = call("GET", "/families/" + familyId + "/albums", null);
            if (a.status != 200) {
                System.out.println("client " + index + ": GET albums -> " + a.status + " " + a.body);
                return ids;
            }
            for (Object album : (List<?>) a.json().get("items")) {
                ids.add((String) ((Map<?, ?>) album).get("id"));
            }
            return ids;
        }

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> listPhotos() throws Exception {
            Map<String, Map<String, Object>> photos = new LinkedHashMap<>();
            String cursor = null;
            do {
                String path = "/albums/" + albumId + "/photos?limit=100"
                        + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
                Map<String, Object> page = expect(call("GET", path, null), 200);
                for (Object p : (List<?>) page.get("items")) {
                    Map<String, Object> photo = (Map<String, Object>) p;
                    photos.put((String) photo.get("id"), photo);
                }
                cursor = (String) page.get("next_cursor");
            } while (cursor != null);
            return photos;
        }

        byte[] download(String url) throws Exception {
            HttpResponse<byte[]> res = run.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return res.statusCode() == 200 ? res.body() : new byte[0];
        }

        Answer post(String path, String json) throws ServiceGone {
            return call("POST", path, json == null ? "" : json);
        }

        Answer call(String method, String path, String json) throws ServiceGone {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(run.base + path)).timeout(Duration.ofSeconds(30));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (json != null && !json.isEmpty()) {
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return send(b.build());
        }

        Answer postForm(String url, Map<String, Object> fields, byte[] content) throws ServiceGone {
            String boundary = "----crash" + Long.toHexString(random.nextLong());
            ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 4096);
            for (Map.Entry<String, Object> f : fields.entrySet()) {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                        + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n"
                    + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
        }

        Answer send(HttpRequest request) throws ServiceGone {
            try {
                HttpResponse<String> res = run.http.send(request, HttpResponse.BodyHandlers.ofString());
                return new Answer(res.statusCode(), res.body());
            } catch (IOException e) {
                throw new ServiceGone(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceGone(e);
            }
        }

        static Map<String, Object> expect(Answer a, int status) {
            if (a.status != status) {
                throw new IllegalStateException("expected " + status + ", got " + a.status + " " + a.body);
            }
            return a.json();
        }
    }

    // ------------------------------------------------------------------------------------------------ small things

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long countEntries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.count();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static boolean anyMustBeZeroIsNot(Map<String, Object> row) {
        return MUST_BE_ZERO.stream().anyMatch(must -> ((Number) row.get(must)).longValue() != 0);
    }

    /** The service log's ERROR lines with the stack trace lines after each, at most 200 lines. */
    static String errorsOf(Path file) {
        try {
            List<String> picked = new ArrayList<>();
            boolean inTrace = false;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                boolean traceLine = line.startsWith("\t") || line.startsWith("Caused by") || line.startsWith("  ");
                inTrace = line.contains(" ERROR ") || (inTrace && traceLine);
                if (inTrace && picked.size() < 200) {
                    picked.add(line);
                }
            }
            return picked.isEmpty() ? "(no ERROR line in " + file + ")" : String.join("\n", picked);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Just enough JSON: objects (insertion order), arrays, strings, numbers, booleans, null. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json p = new Json(text);
            Object value = p.value();
            p.space();
            if (p.i != text.length()) {
                throw new IllegalArgumentException("trailing characters in JSON at " + p.i);
            }
            return value;
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private Object value() {
            space();
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    space();
                    if (s.charAt(i) == '}') {
                        i++;
                        return map;
                    }
                    while (true) {
                        space();
                        String key = string();
                        space();
                        expect(':');
                        map.put(key, value());
                        space();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect('}');
                            return map;
                        }
                    }
                }
                case '[' -> {
                    i++;
                    List<Object> list = new ArrayList<>();
                    space();
                    if (s.charAt(i) == ']') {
                        i++;
                        return list;
                    }
                    while (true) {
                        list.add(value());
                        space();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect(']');
                            return list;
                        }
                    }
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    int start = i;
                    while (i < s.length() && ",}] \n\r\t".indexOf(s.charAt(i)) < 0) {
                        i++;
                    }
                    String word = s.substring(start, i);
                    return switch (word) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        case "null" -> null;
                        default -> Double.parseDouble(word);
                    };
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' in JSON at " + i);
            }
            i++;
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'u' -> {
                            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
        }
    }
}
