// Soak test of the packaged service (issue 11): 8 users upload mixed batches for 10 minutes while the sweeper runs
// every 10 s; midway the service is SIGKILLed and restarted once, and later the store is unreachable for 30 s. At the
// end every verified photo must serve its bytes, and the store and the database must agree.
//
//   java -cp bootstrap/target/direct-upload.jar bench/soak/Soak.java --store local|minio [options]
//
// The classpath gives this program the jar's H2 driver (the final look at the database) and the MinIO client (the
// final listing of the bucket); the service runs as a separate process (java -jar). Options:
//   --store local|minio      the embedded local store (default), or storage.provider=minio against s3proxy 4.1.0
//                            (a separate process with a filesystem store; users sign in through a fake WeChat)
//   --minutes N              how long the users upload (default 10)
//   --users N                users (default 8; users 2k and 2k+1 share a family, each uploads to an album of its own)
//   --kill-at F              SIGKILL and restart at this fraction of the run (default 0.4)
//   --outage-at F            the store becomes unreachable at this fraction of the run (default 0.65)
//   --outage-seconds N       for this long (default 30)
//   --sweep-interval N       upload.sweep-interval in seconds (default 10)
//   --jar PATH               service jar (default bootstrap/target/direct-upload.jar)
//   --s3proxy-jar PATH       (default $S3PROXY_JAR, else ~/.m2/repository/org/gaul/s3proxy/4.1.0/...-jar-with-dependencies.jar)
//   --port N                 the service's HTTP port (default 18890)
//   --service-user UID       run the service as this uid/gid through setpriv (default 65534 when this program runs as
//                            root, so that an unwritable store root is unwritable for the service; "none" to disable)
//   --keep                   keep the work directory
//
// Faults. Kill: new requests wait while the service is down; the service is SIGKILLed, restarted on the same data,
// and every photo acknowledged before the kill is looked up through the API before the users go on. Outage: on the
// local store every directory and file under local-storage.root is made read-only (the service runs unprivileged);
// on MinIO s3proxy is stopped, and started again on the same port and folder after the outage. A request that
// overlaps [outage start, store back + 2 s] is "in the outage".
//
// Each cycle of a user: one POST /uploads with a mixed batch — two new files, a duplicate of the first inside the
// batch (answer "duplicate"), the family's shared file of this cycle (both members upload it: a race on one content,
// or 秒传), a file the family recorded earlier (秒传, or an upload again if it was deleted meanwhile), a file whose
// posted bytes are not the declared ones (complete must answer 409 upload_verification_failed), an abandoned upload
// whose bytes were posted (the sweeper must record it), an abandoned upload never posted (must expire) — then every
// other cycle an article-style upload (prefix signature, POST to the incoming prefix, POST /photos) and every fourth
// an incoming object never recorded (the sweeper must delete it after upload.incoming-ttl), then with probability
// 1/2 the deletion of one of the user's photos. Failed steps (no answer, 5xx, 429) are retried; a form refused by
// the store (expired, or issued before the restart) is replaced by a new prepare of that file.
//
// After the run the program waits until every form expired plus the sweep grace, and every unrecorded object is
// older than upload.incoming-ttl, plus one sweep interval; then, polling the database and the store, until the sweeper
// is idle (no PENDING slot, no queued deletion, no object without a record; at most 5 minutes); then lists every album, downloads every photo, stops the service
// and compares the database with the store. Counts (those marked * must be 0):
//   verified_photos              photos listed at the end (all downloaded and checked)
//   * bad_bytes                  photos whose presigned GET does not return bytes with the photo's MD5
//   * orphan_objects             objects in the store that no stored-object record names
//   * dangling_records           stored-object + photo rows whose object is not in the store (split in
//                                dangling_stored_objects, dangling_photos)
//   * api_5xx_outside_outage     API answers >= 500 outside the outage windows
//   * store_5xx_outside_outage   store answers >= 500 outside the outage windows (upload POSTs, downloads)
//   api_503_in_outage, api_other_5xx_in_outage, store_5xx_in_outage, unanswered_in_outage   the same inside them
//   unanswered_at_kill           requests without an answer outside the outage (those the SIGKILL cut off)
//   * acked_missing_after_restart photos acknowledged before the SIGKILL not listed right after the restart
//   * pending_slots              upload slots still PENDING after the final sweep
//   * acked_missing_end          acknowledged photos, not deleted, not listed at the end
//   * resurrected                photos whose deletion was acknowledged listed at the end
//   * forbidden_recorded         photos of wrong bytes, never-posted uploads or never-recorded incoming objects
//   * abandoned_unrecorded       abandoned uploads whose bytes the store acknowledged, not recorded by the sweeper
//   * phantom_photos             listed photos nobody uploaded (no acknowledgement, no abandoned upload, no step whose
//                                outcome was unknown)
//   * client_errors              answers other than the expected ones (each printed)
// Exit status 1 when a must-be-0 count is not 0. A line per count and a Markdown table go to stdout and to
// bench/soak/results/ (not committed).
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

public class Soak {

    static final Duration POLICY_TTL = Duration.ofSeconds(30);
    static final Duration SWEEP_GRACE = Duration.ofSeconds(10);
    static final Duration INCOMING_TTL = Duration.ofMinutes(2);
    static final long SETTLE_MS = 2000;
    /** How long the end waits at most for the sweeper to become idle. */
    static final Duration IDLE_WAIT = Duration.ofMinutes(5);
    static final List<String> MUST_BE_ZERO = List.of("bad_bytes", "orphan_objects", "dangling_records",
            "api_5xx_outside_outage", "store_5xx_outside_outage", "acked_missing_after_restart", "pending_slots",
            "acked_missing_end", "resurrected", "forbidden_recorded", "abandoned_unrecorded", "phantom_photos",
            "client_errors");

    static String store = "local";
    static double minutes = 10;
    static int userCount = 8;
    static double killAt = 0.4;
    static double outageAt = 0.65;
    static int outageSeconds = 30;
    static int sweepInterval = 10;
    static String jar = "bootstrap/target/direct-upload.jar";
    static String s3proxyJar;
    static int port = 18890;
    static String serviceUser;
    static boolean keep;

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--store" -> store = args[++i];
                case "--minutes" -> minutes = Double.parseDouble(args[++i]);
                case "--users" -> userCount = Integer.parseInt(args[++i]);
                case "--kill-at" -> killAt = Double.parseDouble(args[++i]);
                case "--outage-at" -> outageAt = Double.parseDouble(args[++i]);
                case "--outage-seconds" -> outageSeconds = Integer.parseInt(args[++i]);
                case "--sweep-interval" -> sweepInterval = Integer.parseInt(args[++i]);
                case "--jar" -> jar = args[++i];
                case "--s3proxy-jar" -> s3proxyJar = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--service-user" -> serviceUser = args[++i];
                case "--keep" -> keep = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (!List.of("local", "minio").contains(store)) {
            throw new IllegalArgumentException("--store must be local or minio");
        }
        if (userCount < 2 || userCount % 2 != 0) {
            throw new IllegalArgumentException("--users must be even and at least 2");
        }
        if (serviceUser == null) {
            serviceUser = isRoot() ? "65534" : "none";
        }
        Soak soak = new Soak();
        Map<String, Object> row;
        try {
            row = soak.run();
        } catch (Exception e) {
            soak.cleanUp(false);
            throw e;
        }
        String stamp = Instant.now().toString().replace(":", "").replaceAll("\\..*", "Z");
        StringBuilder out = new StringBuilder();
        row.forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
        out.append('\n').append(table(row)).append('\n');
        boolean failed = false;
        for (String must : MUST_BE_ZERO) {
            if (((Number) row.get(must)).longValue() != 0) {
                failed = true;
                out.append("NOT 0: ").append(must).append(" = ").append(row.get(must)).append('\n');
            }
        }
        out.append(failed ? "RESULT: FAILED (a count that must be 0 is not)\n" : "RESULT: all must-be-zero counts are 0\n");
        soak.cleanUp(!failed && !keep);
        System.out.println();
        System.out.print(out);
        if (Files.isDirectory(Path.of("bench/soak"))) {
            Path results = Files.createDirectories(Path.of("bench/soak/results"));
            Path report = results.resolve("soak-" + store + "-" + stamp + ".txt");
            Files.writeString(report, soak.details + "\n" + out, StandardCharsets.UTF_8);
            System.out.println("report: " + report);
        }
        System.exit(failed ? 1 : 0);
    }

    static String table(Map<String, Object> row) {
        List<String> columns = List.of("store", "minutes", "users", "cycles", "verified_photos", "bad_bytes",
                "orphan_objects", "dangling_records", "api_5xx_outside_outage", "store_5xx_outside_outage",
                "api_503_in_outage", "api_other_5xx_in_outage", "store_5xx_in_outage", "unanswered_in_outage",
                "acked_missing_after_restart", "pending_slots", "acked_missing_end", "resurrected",
                "forbidden_recorded", "abandoned_unrecorded", "phantom_photos", "client_errors");
        StringBuilder sb = new StringBuilder("| " + String.join(" | ", columns) + " |\n|");
        columns.forEach(c -> sb.append("---|"));
        sb.append("\n|");
        for (String c : columns) {
            sb.append(' ').append(row.getOrDefault(c, "")).append(" |");
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------------- the run

    final Path work;
    final Map<String, Object> row = new LinkedHashMap<>();
    final StringBuilder details = new StringBuilder();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final String base = "http://127.0.0.1:" + port;
    final long t0 = System.nanoTime();
    final Path log;
    final Stats stats = new Stats();
    final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    final List<long[]> outages = new CopyOnWriteArrayList<>();
    final Object gateLock = new Object();
    volatile boolean paused;
    volatile Thread controller;
    volatile boolean stopping;
    final AtomicLong lastPrepareMs = new AtomicLong();
    final AtomicLong lastObjectWriteMs = new AtomicLong();
    Process service;
    S3Proxy s3;
    FakeWechat wechat;
    final String jwtSecret = "soak-" + UUID.randomUUID() + "-" + UUID.randomUUID();
    final List<User> users = new ArrayList<>();

    Soak() throws IOException {
        work = Files.createTempDirectory("soak-");
        log = work.resolve("service.log");
    }

    long now() {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    void count(String name) {
        counts.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    long counted(String name) {
        LongAdder a = counts.get(name);
        return a == null ? 0 : a.sum();
    }

    void note(String line) {
        String stamped = String.format("[%7.1f s] %s", now() / 1000.0, line);
        System.out.println(stamped);
        synchronized (details) {
            details.append(stamped).append('\n');
        }
    }

    Map<String, Object> run() throws Exception {
        controller = Thread.currentThread();
        row.put("store", store);
        row.put("minutes", minutes);
        row.put("users", userCount);
        row.put("load_at_start", loadAverage());
        note("work directory " + work + ", store " + store + ", service user " + serviceUser + ", load " + loadAverage());
        if (store.equals("minio")) {
            s3 = new S3Proxy(work.resolve("s3"), locateS3ProxyJar());
            s3.start();
            s3.createBucket("soak");
            wechat = new FakeWechat();
        }
        Files.createDirectories(work.resolve("data"));
        chownForService(work);
        row.put("start_ms", startService());
        setUp();

        long durationMs = (long) (minutes * 60_000);
        long killMs = (long) (durationMs * killAt);
        long outageMs = (long) (durationMs * outageAt);
        long loadStart = now();
        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        List<Future<?>> running = new ArrayList<>();
        for (User u : users) {
            running.add(pool.submit(u::loop));
        }
        boolean killed = false;
        boolean outageDone = false;
        while (now() - loadStart < durationMs) {
            long elapsed = now() - loadStart;
            if (!killed && elapsed >= killMs) {
                killAndRestart();
                killed = true;
            } else if (!outageDone && elapsed >= outageMs) {
                storeOutage();
                outageDone = true;
            }
            Thread.sleep(200);
        }
        stopping = true;
        note("load phase over: waiting for the users to finish their cycle");
        for (Future<?> f : running) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
        row.put("load_at_end_of_load", loadAverage());
        row.put("cycles", users.stream().mapToLong(u -> u.cycles).sum());

        finalSweepWait();
        checkThroughApi();
        stopService();
        checkDatabaseAndStore();
        classifyHttp();
        row.put("client_errors", errors.size());
        row.put("load_at_end", loadAverage());
        new java.util.TreeMap<>(countsSnapshot()).forEach((k, v) -> row.put("n_" + k, v));
        synchronized (errors) {
            errors.stream().limit(30).forEach(e -> note("client error: " + e));
        }
        return row;
    }

    Map<String, Long> countsSnapshot() {
        Map<String, Long> m = new HashMap<>();
        counts.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    void cleanUp(boolean deleteWork) {
        try {
            if (service != null && service.isAlive()) {
                service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            if (s3 != null) {
                s3.stop();
            }
            if (wechat != null) {
                wechat.close();
            }
            restorePermissions(work.resolve("data/objects"));
            if (deleteWork) {
                deleteTree(work);
            } else {
                System.out.println("kept " + work);
            }
        } catch (Exception e) {
            System.out.println("clean-up: " + e);
        }
    }

    // ---------------------------------------------------------------------------------------------------- the service

    List<String> command() {
        List<String> cmd = new ArrayList<>();
        if (!serviceUser.equals("none")) {
            cmd.addAll(List.of("setpriv", "--reuid=" + serviceUser, "--regid=" + serviceUser, "--clear-groups", "--"));
        }
        cmd.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Djava.io.tmpdir=" + work.resolve("data"),
                "-Dmicronaut.server.port=" + port,
                "-Dupload.policy-ttl=" + POLICY_TTL.toSeconds() + "s",
                "-Dupload.sweep-interval=" + sweepInterval + "s",
                "-Dupload.sweep-grace=" + SWEEP_GRACE.toSeconds() + "s",
                "-Dupload.incoming-ttl=" + INCOMING_TTL.toSeconds() + "s",
                // the bundled URL with AUTO_SERVER (the end polls the database while the service runs), which H2
                // allows only without DB_CLOSE_ON_EXIT=FALSE: the service is stopped only after the last request
                "-Ddatasources.default.url=jdbc:h2:file:./data/db;WRITE_DELAY=0;LOCK_TIMEOUT=10000;AUTO_SERVER=TRUE",
                "-Dupload.rate-limit.capacity=100000",
                "-Dupload.rate-limit.per-minute=100000"));
        if (store.equals("minio")) {
            cmd.addAll(List.of(
                    "-Dstorage.provider=minio",
                    "-Dminio.endpoint=" + s3.endpoint(),
                    "-Dminio.bucket=soak",
                    "-Dminio.region=us-east-1",
                    "-Dwechat.app-id=" + FakeWechat.APP_ID,
                    "-Dwechat.api-base-url=" + wechat.baseUrl()));
        }
        cmd.addAll(List.of("-jar", Path.of(jar).toAbsolutePath().toString()));
        return cmd;
    }

    long startService() throws Exception {
        long started = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(command()).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (store.equals("minio")) {
            pb.environment().put("MINIO_ACCESS_KEY", s3.accessKey);
            pb.environment().put("MINIO_SECRET_KEY", s3.secretKey);
            pb.environment().put("AUTH_JWT_SECRET", jwtSecret);
            pb.environment().put("WECHAT_APP_SECRET", FakeWechat.APP_SECRET);
        }
        service = pb.start();
        for (int i = 0; i < 2400; i++) {
            if (!service.isAlive()) {
                break;
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return (System.nanoTime() - started) / 1_000_000;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("service did not become healthy; log " + log + ":\n" + tail(log));
    }

    void stopService() throws Exception {
        service.destroy(); // SIGTERM: Micronaut closes the pool and the database
        if (!service.waitFor(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("service did not stop within 120 s");
        }
        note("service stopped (exit " + service.exitValue() + ")");
    }

    void chownForService(Path dir) throws Exception {
        if (serviceUser.equals("none")) {
            return;
        }
        Process p = new ProcessBuilder("chown", "-R", serviceUser + ":" + serviceUser, dir.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("chown failed");
        }
    }

    // ---------------------------------------------------------------------------------------------------- set-up

    void setUp() throws Exception {
        for (int i = 0; i < userCount; i++) {
            users.add(new User(i));
        }
        for (int i = 0; i < userCount; i += 2) {
            User owner = users.get(i);
            User member = users.get(i + 1);
            Family family = new Family(i / 2);
            owner.family = family;
            member.family = family;
            owner.login();
            member.login();
            family.id = (String) owner.expect(owner.api("POST", "/families", "{\"name\":\"soak family " + family.index + "\"}"), 201).get("id");
            String code = (String) owner.expect(owner.api("POST", "/families/" + family.id + "/invites", "{}"), 201).get("code");
            member.expect(member.api("POST", "/invites/" + code + "/accept", null), 200);
            for (User u : List.of(owner, member)) {
                u.albumId = (String) u.expect(u.api("POST", "/families/" + family.id + "/albums",
                        "{\"name\":\"album of " + u.name + "\"}"), 201).get("id");
            }
        }
        note("signed in " + users.size() + " users in " + users.size() / 2 + " families");
    }

    // ---------------------------------------------------------------------------------------------------- faults

    void killAndRestart() throws Exception {
        paused = true; // requests in flight die with the service; new ones wait until it is back and checked
        long killedAt = now();
        service.destroyForcibly(); // SIGKILL on Linux
        if (!service.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("service survived SIGKILL");
        }
        note("service SIGKILLed (exit " + service.exitValue() + ")");
        long restartMs = startService();
        row.put("kill_at_s", killedAt / 1000);
        row.put("restart_ms", restartMs);
        note("service restarted in " + restartMs + " ms");
        // every user stops at its next request; then nothing changes their records while they are checked
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (users.stream().anyMatch(u -> !u.parked) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (users.stream().anyMatch(u -> !u.parked)) {
            errors.add("users did not stop within 180 s of the restart: " + users.stream().filter(u -> !u.parked)
                    .map(u -> u.name).toList());
        }
        long missing = 0;
        long checked = 0;
        for (User u : users) {
            Set<String> listed = u.listPhotos().keySet();
            synchronized (u) {
                for (Rec r : u.photos.values()) {
                    if (r.deleted || r.deleteInFlight) {
                        continue;
                    }
                    checked++;
                    if (!listed.contains(r.id)) {
                        missing++;
                        note("acknowledged photo " + r.id + " of " + u.name + " is not listed after the restart");
                    }
                }
            }
        }
        row.put("acked_before_kill", checked);
        row.put("acked_missing_after_restart", missing);
        row.put("tmp_cleaned_at_restart", tmpCleaned());
        note("after the restart: " + checked + " acknowledged photos looked up, " + missing + " missing");
        synchronized (gateLock) {
            paused = false;
            gateLock.notifyAll();
        }
    }

    void storeOutage() throws Exception {
        long start = now();
        long[] window = {start, Long.MAX_VALUE};
        outages.add(window);
        if (store.equals("local")) {
            Path root = work.resolve("data/objects");
            int changed = makeReadOnly(root);
            note("store outage: " + changed + " directories and files under " + root + " made read-only");
            Thread.sleep(outageSeconds * 1000L);
            restorePermissions(root);
        } else {
            s3.stop();
            note("store outage: s3proxy stopped");
            long left = outageSeconds * 1000L - (now() - start);
            if (left > 0) {
                Thread.sleep(left);
            }
            s3.start();
        }
        window[1] = now();
        row.put("outage_s", String.format("%.1f-%.1f", window[0] / 1000.0, window[1] / 1000.0));
        note("store back after " + (window[1] - window[0]) + " ms");
    }

    final Map<Path, Set<PosixFilePermission>> savedPermissions = new ConcurrentHashMap<>();

    /** Parents first, so nothing new can appear below a directory once it was made read-only. */
    int makeReadOnly(Path dir) throws IOException {
        int changed = 0;
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
            savedPermissions.put(dir, perms);
            Set<PosixFilePermission> readOnly = new HashSet<>(perms);
            readOnly.removeAll(Set.of(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.OTHERS_WRITE));
            Files.setPosixFilePermissions(dir, readOnly);
            changed++;
            if (!Files.isDirectory(dir)) {
                return changed;
            }
            List<Path> children;
            try (Stream<Path> list = Files.list(dir)) {
                children = list.toList();
            }
            for (Path child : children) {
                changed += makeReadOnly(child);
            }
        } catch (NoSuchFileException gone) {
            // deleted meanwhile
        }
        return changed;
    }

    void restorePermissions(Path root) {
        savedPermissions.forEach((p, perms) -> {
            try {
                Files.setPosixFilePermissions(p, perms);
            } catch (IOException e) {
                // deleted since
            }
        });
        savedPermissions.clear();
    }

    int tmpCleaned() throws IOException {
        int removed = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Removed (\\d+) unfinished upload").matcher(line);
            if (m.find()) {
                removed += Integer.parseInt(m.group(1));
            }
        }
        return removed;
    }

    /** Blocks while the service is being killed and restarted. */
    void gate(User u) throws InterruptedException {
        if (!paused || Thread.currentThread() == controller) {
            return;
        }
        synchronized (gateLock) {
            u.parked = true;
            while (paused) {
                gateLock.wait(1000);
            }
            u.parked = false;
        }
    }

    // ---------------------------------------------------------------------------------------------------- the end

    /**
     * Waits until the sweeper is idle rather than for a fixed time: first until every form has expired plus the grace
     * and every unrecorded object is older than upload.incoming-ttl (plus one sweep interval, so that a sweep ran
     * after that), then, polling the database and the store, until no slot is PENDING, no deletion is queued and no
     * object lacks a stored-object record — for at most IDLE_WAIT; the checks then report whatever is left.
     */
    void finalSweepWait() throws Exception {
        long formsSwept = lastPrepareMs.get() + POLICY_TTL.toMillis() + SWEEP_GRACE.toMillis();
        long objectsAged = lastObjectWriteMs.get() + INCOMING_TTL.toMillis();
        long until = Math.max(formsSwept, objectsAged) + sweepInterval * 1000L;
        long wait = until - now();
        note("waiting " + Math.max(0, wait) / 1000 + " s until forms expired + grace and unrecorded objects are older "
                + "than upload.incoming-ttl, then until the sweeper is idle (at most " + IDLE_WAIT.toSeconds() + " s)");
        if (wait > 0) {
            Thread.sleep(wait);
        }
        long idleFrom = now();
        long deadline = idleFrom + IDLE_WAIT.toMillis();
        long[] backlog = sweeperBacklog();
        while (backlog[0] + backlog[1] + backlog[2] > 0 && now() < deadline) {
            Thread.sleep(2000);
            backlog = sweeperBacklog();
        }
        row.put("idle_wait_s", Math.round((now() - idleFrom) / 1000.0));
        note(String.format("sweeper %s: %d PENDING slots, %d queued deletions, %d objects without a record",
                backlog[0] + backlog[1] + backlog[2] == 0 ? "idle" : "NOT idle after " + IDLE_WAIT.toSeconds() + " s",
                backlog[0], backlog[1], backlog[2]));
    }

    /** PENDING slots, queued deletions and store objects no stored-object record names, right now. */
    long[] sweeperBacklog() throws Exception {
        Set<String> objectKeys = new HashSet<>();
        long pending;
        long queued;
        try (Connection jdbc = DriverManager.getConnection(jdbcUrl(), "sa", "");
                Statement st = jdbc.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM upload_slots WHERE status = 'PENDING'")) {
                rs.next();
                pending = rs.getLong(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM pending_deletions")) {
                rs.next();
                queued = rs.getLong(1);
            }
            try (ResultSet rs = st.executeQuery("SELECT object_key FROM stored_objects")) {
                while (rs.next()) {
                    objectKeys.add(rs.getString(1));
                }
            }
        }
        Set<String> storeKeys = store.equals("local") ? localStoreKeys() : s3.keys("soak");
        long orphans = storeKeys.stream().filter(k -> !objectKeys.contains(k)).count();
        return new long[] {pending, queued, orphans};
    }

    /** The service's H2 database; AUTO_SERVER lets this program read it while the service has it open. */
    String jdbcUrl() {
        return "jdbc:h2:file:" + work.resolve("data/db") + ";IFEXISTS=TRUE;AUTO_SERVER=TRUE";
    }

    void checkThroughApi() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        List<Future<long[]>> results = new ArrayList<>();
        for (User u : users) {
            results.add(pool.submit(u::finalCheck));
        }
        long[] sum = new long[8];
        for (Future<long[]> f : results) {
            long[] r = f.get(30, TimeUnit.MINUTES);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += r[i];
            }
        }
        pool.shutdown();
        row.put("verified_photos", sum[0]);
        row.put("bad_bytes", sum[1]);
        row.put("acked_missing_end", sum[2]);
        row.put("resurrected", sum[3]);
        row.put("forbidden_recorded", sum[4]);
        row.put("abandoned_unrecorded", sum[5]);
        row.put("phantom_photos", sum[6]);
        row.put("sweeper_recorded", sum[7]);
    }

    void checkDatabaseAndStore() throws Exception {
        Set<String> storeKeys = store.equals("local") ? localStoreKeys() : s3.keys("soak");
        Set<String> objectKeys = new HashSet<>();
        Set<String> photoKeys = new HashSet<>();
        try (Connection jdbc = DriverManager.getConnection(jdbcUrl(), "sa", "");
                Statement st = jdbc.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT object_key FROM stored_objects")) {
                while (rs.next()) {
                    objectKeys.add(rs.getString(1));
                }
            }
            long photos = 0;
            try (ResultSet rs = st.executeQuery("SELECT object_key FROM media_files")) {
                while (rs.next()) {
                    photoKeys.add(rs.getString(1));
                    photos++;
                }
            }
            row.put("photo_rows", photos);
            row.put("stored_object_rows", objectKeys.size());
            long pending = 0;
            try (ResultSet rs = st.executeQuery("SELECT status, COUNT(*) FROM upload_slots GROUP BY status ORDER BY status")) {
                while (rs.next()) {
                    row.put("slots_" + rs.getString(1).toLowerCase(), rs.getLong(2));
                    if (rs.getString(1).equals("PENDING")) {
                        pending = rs.getLong(2);
                    }
                }
            }
            row.put("pending_slots", pending);
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM pending_deletions")) {
                rs.next();
                row.put("deletions_queued", rs.getLong(1));
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM stored_objects o WHERE NOT EXISTS (SELECT 1 FROM "
                    + "media_files m WHERE m.family_id = o.family_id AND m.md5 = o.md5 AND m.size_bytes = o.size_bytes)")) {
                rs.next();
                row.put("stored_objects_without_photo", rs.getLong(1));
            }
            if (pending > 0) {
                try (ResultSet rs = st.executeQuery("SELECT id, object_key, expires_at FROM upload_slots WHERE status = 'PENDING' LIMIT 10")) {
                    while (rs.next()) {
                        note("pending slot " + rs.getString(1) + " " + rs.getString(2) + " expires_at(us) " + rs.getLong(3));
                    }
                }
            }
        }
        row.put("store_objects", storeKeys.size());
        List<String> orphans = storeKeys.stream().filter(k -> !objectKeys.contains(k)).sorted().toList();
        long danglingObjects = objectKeys.stream().filter(k -> !storeKeys.contains(k)).count();
        long danglingPhotos = photoKeys.stream().filter(k -> !storeKeys.contains(k)).count();
        row.put("orphan_objects", orphans.size());
        row.put("dangling_stored_objects", danglingObjects);
        row.put("dangling_photos", danglingPhotos);
        row.put("dangling_records", danglingObjects + danglingPhotos);
        orphans.stream().limit(10).forEach(k -> note("orphan object " + k));
        objectKeys.stream().filter(k -> !storeKeys.contains(k)).limit(10).forEach(k -> note("dangling stored object " + k));
        if (store.equals("local")) {
            row.put("tmp_left", countEntries(work.resolve("data/objects/.tmp")));
        }
    }

    Set<String> localStoreKeys() throws IOException {
        Path bucket = work.resolve("data/objects/album-local");
        Set<String> keys = new HashSet<>();
        if (!Files.isDirectory(bucket)) {
            return keys;
        }
        try (Stream<Path> files = Files.walk(bucket)) {
            for (Path meta : files.filter(p -> p.getFileName().toString().equals("meta")).toList()) {
                Properties p = new Properties();
                try (Reader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                keys.add(p.getProperty("key"));
            }
        }
        return keys;
    }

    void classifyHttp() {
        long apiOutside = 0;
        long storeOutside = 0;
        long api503In = 0;
        long apiOtherIn = 0;
        long storeIn = 0;
        for (Stats.Event e : stats.serverErrors) {
            boolean in = inOutage(e.startMs(), e.endMs());
            if (e.api()) {
                if (!in) {
                    apiOutside++;
                } else if (e.status() == 503) {
                    api503In++;
                } else {
                    apiOtherIn++;
                }
            } else if (in) {
                storeIn++;
            } else {
                storeOutside++;
            }
        }
        long unansweredIn = 0;
        long unansweredOut = 0;
        for (long[] u : stats.unanswered) {
            if (inOutage(u[0], u[1])) {
                unansweredIn++;
            } else {
                unansweredOut++;
            }
        }
        row.put("requests", stats.requests.sum());
        row.put("api_5xx_outside_outage", apiOutside);
        row.put("store_5xx_outside_outage", storeOutside);
        row.put("api_503_in_outage", api503In);
        row.put("api_other_5xx_in_outage", apiOtherIn);
        row.put("store_5xx_in_outage", storeIn);
        row.put("unanswered_in_outage", unansweredIn);
        row.put("unanswered_at_kill", unansweredOut);
        Map<String, Integer> kinds = new java.util.TreeMap<>();
        for (Stats.Event e : stats.serverErrors) {
            String key = (inOutage(e.startMs(), e.endMs()) ? "in outage: " : "OUTSIDE: ") + e.route() + " -> "
                    + e.status() + " " + e.code();
            kinds.merge(key, 1, Integer::sum);
        }
        kinds.forEach((k, v) -> note("5xx " + k + " x" + v));
        stats.serverErrors.stream().filter(e -> !inOutage(e.startMs(), e.endMs())).limit(5)
                .forEach(e -> note("5xx outside outage at " + e.startMs() + " ms: " + e.route() + " -> " + e.status() + " " + e.body()));
    }

    boolean inOutage(long startMs, long endMs) {
        for (long[] w : outages) {
            if (startMs <= w[1] + SETTLE_MS && endMs >= w[0]) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------------- HTTP

    /** Every answer and every request without one, with its time. */
    final class Stats {
        record Event(boolean api, String route, int status, String code, String body, long startMs, long endMs) {}

        final List<Event> serverErrors = Collections.synchronizedList(new ArrayList<>());
        final List<long[]> unanswered = Collections.synchronizedList(new ArrayList<>());
        final LongAdder requests = new LongAdder();
    }

    record Answer(int status, String body, Map<String, List<String>> headers) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return (Map<String, Object>) Json.parse(body);
        }

        String code() {
            try {
                Object c = json().get("code");
                return c == null ? "" : c.toString();
            } catch (RuntimeException e) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("<Code>([^<]*)</Code>").matcher(body);
                return m.find() ? m.group(1) : "";
            }
        }
    }

    /** No answer: refused, reset or timed out. The request's outcome is unknown. */
    static final class Unanswered extends Exception {
        Unanswered(Throwable cause) {
            super(cause.toString(), cause);
        }
    }

    Answer send(HttpRequest request, boolean api) throws Unanswered {
        long start = now();
        stats.requests.increment();
        try {
            HttpResponse<String> res = http.send(request, HttpResponse.BodyHandlers.ofString());
            Answer a = new Answer(res.statusCode(), res.body(), res.headers().map());
            if (a.status >= 500) {
                stats.serverErrors.add(new Stats.Event(api, route(request), a.status, a.code(),
                        a.body.length() > 300 ? a.body.substring(0, 300) : a.body, start, now()));
            }
            return a;
        } catch (IOException e) {
            stats.unanswered.add(new long[] {start, now()});
            throw new Unanswered(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String route(HttpRequest r) {
        String path = r.uri().getPath().replaceAll("/(f|a|p|up|u)_[A-Za-z0-9_-]+", "/{$1_id}")
                .replaceAll("/invites/[^/]+", "/invites/{code}");
        if (path.startsWith("/local-oss/") || !r.uri().getAuthority().endsWith(":" + port)) {
            path = "store " + (path.contains("/families/") ? path.replaceAll("/families/.*", "/families/…") : path);
        }
        return r.method() + " " + path;
    }

    // ---------------------------------------------------------------------------------------------------- users

    static final class Family {
        final int index;
        String id;
        /** Contents the family recorded, for uploads "again" (秒传); bounded. */
        final List<Content> recorded = new CopyOnWriteArrayList<>();

        Family(int index) {
            this.index = index;
        }

        /** The file both members upload in cycle {@code n}. */
        Content shared(int n) {
            Random r = new Random(1_000_003L * (index + 1) + n);
            byte[] bytes = new byte[2048 + r.nextInt(38 * 1024)];
            r.nextBytes(bytes);
            return new Content(bytes);
        }

        void remember(Content c) {
            recorded.add(c);
            while (recorded.size() > 40) {
                recorded.remove(0);
            }
        }
    }

    record Content(byte[] bytes, String md5) {
        Content(byte[] bytes) {
            this(bytes, Soak.md5(bytes));
        }

        int size() {
            return bytes.length;
        }
    }

    /** A photo the user was told about. */
    static final class Rec {
        final String id;
        final String md5;
        volatile boolean deleted;
        volatile boolean deleteInFlight;

        Rec(String id, String md5) {
            this.id = id;
            this.md5 = md5;
        }
    }

    /** A step that failed for a reason the flow cannot go on from; the cycle is abandoned. */
    static final class Unexpected extends Exception {
        Unexpected(String message) {
            super(message);
        }
    }

    final class User {
        final int index;
        final String name;
        final Random random;
        Family family;
        String token;
        String albumId;
        volatile boolean parked;
        long cycles;
        final Map<String, Rec> photos = new LinkedHashMap<>();
        /** Abandoned uploads whose bytes the store acknowledged: the sweeper must record them. */
        final Set<String> abandonedPosted = ConcurrentHashMap.newKeySet();
        /** Contents that must never be recorded: wrong bytes, never-posted uploads, never-recorded incoming objects. */
        final Set<String> forbidden = ConcurrentHashMap.newKeySet();
        /** Contents a step with an unknown outcome may have recorded. */
        final Set<String> maybe = ConcurrentHashMap.newKeySet();

        User(int index) {
            this.index = index;
            this.name = "soak-" + index;
            this.random = new Random(4242L + index);
        }

        void login() throws Exception {
            Answer a = store.equals("local")
                    ? api("POST", "/auth/dev/login", "{\"user\":\"" + name + "\"}")
                    : api("POST", "/auth/wechat/login", "{\"code\":\"" + name + "\"}");
            token = (String) expect(a, 200).get("token");
        }

        void loop() {
            int n = 0;
            while (!stopping) {
                n++;
                try {
                    cycle(n);
                } catch (Unexpected e) {
                    errors.add(name + " cycle " + n + ": " + e.getMessage());
                } catch (Exception e) {
                    errors.add(name + " cycle " + n + ": " + e);
                }
                cycles++;
                sleep(200 + random.nextInt(600));
            }
        }

        // ------------------------------------------------------------------------------------------- one cycle

        void cycle(int n) throws Exception {
            Content n1 = fresh();
            Content n2 = fresh();
            Content shared = family.shared(n);
            Content again = null;
            List<Content> earlier = new ArrayList<>(family.recorded);
            if (!earlier.isEmpty() && random.nextInt(10) < 7) {
                Content pick = earlier.get(random.nextInt(earlier.size()));
                if (!pick.md5.equals(shared.md5)) {
                    again = pick;
                }
            }
            Content declared = fresh();
            Content wrong = new Content(randomBytes(declared.size()));
            Content abandonedPost = fresh();
            Content abandonedNever = fresh();
            forbidden.add(declared.md5);
            forbidden.add(wrong.md5);
            forbidden.add(abandonedNever.md5);

            Map<String, Content> batch = new LinkedHashMap<>();
            batch.put("n1", n1);
            batch.put("n2", n2);
            batch.put("dup", n1);
            batch.put("shared", shared);
            if (again != null) {
                batch.put("again", again);
            }
            batch.put("wrong", declared);
            batch.put("abandoned-posted", abandonedPost);
            batch.put("abandoned-never", abandonedNever);
            Map<String, Map<String, Object>> items = prepare(batch);

            for (String ref : List.of("n1", "n2", "shared", "again")) {
                if (batch.containsKey(ref)) {
                    uploadAndComplete(ref, batch.get(ref), items.get(ref));
                }
            }
            Map<String, Object> dup = items.get("dup");
            if (!"duplicate".equals(dup.get("status")) || !"n1".equals(dup.get("duplicate_of"))) {
                throw new Unexpected("in-batch duplicate answered " + dup);
            }
            wrongBytes(declared, wrong, items.get("wrong"));
            abandonAfterPosting(abandonedPost, items.get("abandoned-posted"));
            Map<String, Object> never = items.get("abandoned-never");
            if (!"upload".equals(never.get("status"))) {
                throw new Unexpected("abandoned-never answered " + never);
            }
            if (n % 2 == 0) {
                articleUpload(n, n % 4 == 0);
            }
            if (random.nextBoolean()) {
                deleteOne();
            }
            if (n % 10 == 0) {
                listPhotos();
            }
        }

        Content fresh() {
            return new Content(randomBytes(2048 + random.nextInt(38 * 1024)));
        }

        byte[] randomBytes(int size) {
            byte[] b = new byte[size];
            random.nextBytes(b);
            return b;
        }

        String fileJson(String ref, Content c) {
            return "{\"client_ref\":\"" + ref + "\",\"name\":\"IMG_" + ref + ".jpg\",\"size\":" + c.size()
                    + ",\"type\":\"image/jpeg\",\"md5\":\"" + c.md5 + "\"}";
        }

        /** POST /uploads for the batch; the answer's items by client_ref. */
        Map<String, Map<String, Object>> prepare(Map<String, Content> batch) throws Exception {
            StringBuilder files = new StringBuilder();
            batch.forEach((ref, c) -> files.append(files.length() == 0 ? "" : ",").append(fileJson(ref, c)));
            String body = "{\"family_id\":\"" + family.id + "\",\"album_id\":\"" + albumId + "\",\"files\":[" + files + "]}";
            Outcome o = retrying("POST", "/uploads", body);
            lastPrepareMs.set(now());
            if (o.unknown) {
                // an earlier attempt may have recorded 秒传 photos or opened slots: its photos may appear
                batch.values().forEach(c -> maybe.add(c.md5));
            }
            Map<String, Object> answer = expect(o.answer, 200);
            Map<String, Map<String, Object>> items = new HashMap<>();
            for (Object item : (List<?>) answer.get("items")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) item;
                items.put((String) m.get("client_ref"), m);
            }
            return items;
        }

        /** Uploads and completes one file, or takes its 秒传 photo; a new prepare when its form is refused. */
        void uploadAndComplete(String ref, Content c, Map<String, Object> item) throws Exception {
            for (int attempt = 1; attempt <= 4; attempt++) {
                String status = (String) item.get("status");
                if ("instant".equals(status)) {
                    acked(asMap(item.get("photo")), c);
                    count("instant");
                    return;
                }
                if (!"upload".equals(status)) {
                    throw new Unexpected(ref + ": prepare answered " + item);
                }
                int posted = post(item, c.bytes, true);
                if (posted == 403) {
                    count("form_refused_prepared_again");
                    item = prepareOne(ref, c);
                    continue;
                }
                if (posted != 200 && posted != 204 && !(posted == 409 && store.equals("local"))) {
                    throw new Unexpected(ref + ": store POST answered " + posted);
                }
                if (posted == 409) {
                    count("file_already_exists");
                }
                Outcome done = retrying("POST", "/uploads/" + item.get("upload_id") + "/complete", null);
                if (done.answer.status == 200) {
                    acked(done.answer.json(), c);
                    count("completed");
                    return;
                }
                String code = done.answer.code();
                if (done.answer.status == 409 && (code.equals("object_not_found") || code.equals("upload_expired"))
                        && (posted == 409 || done.unknown)) {
                    // FileAlreadyExists, and the bytes were deleted since (their last photo went); or the POST's
                    // answer was lost: upload again
                    count("uploaded_again_after_" + code);
                    item = prepareOne(ref, c);
                    continue;
                }
                throw new Unexpected(ref + ": complete answered " + done.answer.status + " " + done.answer.body);
            }
            throw new Unexpected(ref + ": not recorded after 4 attempts");
        }

        Map<String, Object> prepareOne(String ref, Content c) throws Exception {
            Map<String, Content> one = new LinkedHashMap<>();
            one.put(ref, c);
            return prepare(one).get(ref);
        }

        void wrongBytes(Content declared, Content wrong, Map<String, Object> item) throws Exception {
            if (!"upload".equals(item.get("status"))) {
                throw new Unexpected("wrong: prepare answered " + item);
            }
            int posted = post(item, wrong.bytes, true);
            if (posted == 403) {
                count("wrong_bytes_form_refused");
                return;
            }
            if (posted != 200 && posted != 204) {
                throw new Unexpected("wrong: store POST answered " + posted);
            }
            Outcome done = retrying("POST", "/uploads/" + item.get("upload_id") + "/complete", null);
            if (done.answer.status == 409 && done.answer.code().equals("upload_verification_failed")) {
                count("wrong_bytes_refused");
                return;
            }
            if (done.answer.status == 409 && done.retried
                    && List.of("upload_expired", "object_not_found").contains(done.answer.code())) {
                // an attempt whose answer was lost, or the sweeper while complete was answered 503, refused and
                // removed them
                count("wrong_bytes_refused_late");
                return;
            }
            throw new Unexpected("wrong: complete answered " + done.answer.status + " " + done.answer.body);
        }

        void abandonAfterPosting(Content c, Map<String, Object> item) throws Exception {
            if (!"upload".equals(item.get("status"))) {
                throw new Unexpected("abandoned-posted: prepare answered " + item);
            }
            int posted = post(item, c.bytes, false);
            if (posted == 200 || posted == 204) {
                abandonedPosted.add(c.md5);
                count("abandoned_posted");
            } else if (posted == -1) {
                maybe.add(c.md5); // no answer: the bytes may have arrived
            } else if (posted == 403) {
                forbidden.add(c.md5); // never stored
            } else {
                throw new Unexpected("abandoned-posted: store POST answered " + posted);
            }
        }

        /**
         * Posts the form; retried while unanswered or 5xx (the same form: an overwrite with the same bytes, or 409
         * FileAlreadyExists when the first attempt stored them). -1 when {@code retry} is false and nothing answered.
         */
        int post(Map<String, Object> item, byte[] bytes, boolean retry) throws Exception {
            Map<String, Object> fields = asMap(item.get("fields"));
            String url = (String) item.get("url");
            String type = fields.containsKey("Content-Type") ? (String) fields.get("Content-Type") : "image/jpeg";
            return postForm(url, fields, null, bytes, type, retry);
        }

        int postForm(String url, Map<String, Object> fields, String key, byte[] bytes, String fileType, boolean retry)
                throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            boolean unknown = false;
            while (true) {
                gate(this);
                String boundary = "----soak" + Long.toHexString(random.nextLong());
                ByteArrayOutputStream body = new ByteArrayOutputStream(bytes.length + 4096);
                Map<String, Object> all = new LinkedHashMap<>(fields);
                if (key != null) {
                    all.put("key", key);
                }
                for (Map.Entry<String, Object> f : all.entrySet()) {
                    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                            + "\"\r\n\r\n" + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
                }
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n"
                        + (fileType == null ? "" : "Content-Type: " + fileType + "\r\n") + "\r\n").getBytes(StandardCharsets.UTF_8));
                body.writeBytes(bytes);
                body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
                try {
                    lastObjectWriteMs.set(now());
                    Answer a = send(request, false);
                    lastObjectWriteMs.set(now());
                    if (a.status >= 500) {
                        count("store_" + a.status + "_retried");
                    } else {
                        if (a.status == 403) {
                            count("store_403_" + a.code());
                        }
                        if (a.status != 200 && a.status != 204 && a.status != 403 && a.status != 409) {
                            errors.add(name + ": store POST " + a.status + " " + a.body);
                        }
                        return a.status;
                    }
                } catch (Unanswered e) {
                    unknown = true;
                    count("store_unanswered_retried");
                    if (!retry) {
                        return -1;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new Unexpected("store POST not answered within 5 minutes (unknown outcome: " + unknown + ")");
                }
                sleep(1000);
            }
        }

        /** Article-style: prefix signature, POST to the incoming prefix, POST /photos (or never, when abandoned). */
        void articleUpload(int n, boolean alsoAbandon) throws Exception {
            Content c = fresh();
            for (int attempt = 1; attempt <= 4; attempt++) {
                Map<String, Object> sig = expect(retrying("GET", "/families/oss/signature?family_id=" + family.id
                        + "&file_path=" + albumId, null).answer, 200);
                Map<String, Object> fields = asMap(sig.get("fields"));
                String host = (String) sig.get("host");
                String basePath = (String) sig.get("file_base_path");
                if (alsoAbandon && attempt == 1) {
                    Content left = fresh();
                    String leftKey = basePath + "/" + System.currentTimeMillis() + "_" + n + "_left.jpg";
                    int status = postForm(host, fields, leftKey, left.bytes, store.equals("local") ? null : "image/jpeg", false);
                    if (status == 200 || status == 204 || status == 403) {
                        forbidden.add(left.md5);
                        count(status == 403 ? "incoming_left_refused" : "incoming_left");
                    } else if (status == -1) {
                        forbidden.add(left.md5); // stored or not, nobody records it
                    } else {
                        throw new Unexpected("incoming (abandoned) POST answered " + status);
                    }
                }
                String key = basePath + "/" + System.currentTimeMillis() + "_" + n + ".jpg";
                // the article's client sends no Content-Type (OSS and the local store take it from the name); S3 keeps
                // the file part's
                int status = postForm(host, fields, key, c.bytes, store.equals("local") ? null : "image/jpeg", true);
                if (status == 403) {
                    count("prefix_form_refused_signed_again");
                    continue;
                }
                if (status != 200 && status != 204) {
                    throw new Unexpected("incoming POST answered " + status);
                }
                String item = "{\"album_id\":\"" + albumId + "\",\"family_id\":\"" + family.id + "\",\"file_name\":\""
                        + key.substring(key.lastIndexOf('/') + 1) + "\",\"file_path\":\"" + key + "\",\"object_key\":\""
                        + c.md5 + "\",\"creator_uid\":\"x\",\"file_type\":\"image\",\"file_size\":" + c.size() / 1024
                        + ",\"upload_time\":" + System.currentTimeMillis() + ",\"hash_value\":\"" + c.md5 + "\"}";
                Outcome o = retrying("POST", "/photos", "{\"data\":[" + item + "]}");
                Map<String, Object> first = asMap(((List<?>) o.answer.json().get("items")).get(0));
                if (o.answer.status == 200 && List.of("created", "duplicate").contains(first.get("status"))) {
                    acked(asMap(first.get("photo")), c);
                    count("article_recorded");
                    return;
                }
                throw new Unexpected("POST /photos answered " + o.answer.status + " " + o.answer.body);
            }
            throw new Unexpected("article upload not recorded after 4 attempts");
        }

        void deleteOne() throws Exception {
            Rec victim;
            synchronized (this) {
                List<Rec> live = photos.values().stream().filter(r -> !r.deleted).toList();
                if (live.isEmpty()) {
                    return;
                }
                victim = live.get(random.nextInt(live.size()));
                victim.deleteInFlight = true;
            }
            Outcome o = retrying("DELETE", "/photos/" + victim.id, null);
            if (o.answer.status == 204 || (o.answer.status == 404 && o.unknown)) {
                synchronized (this) {
                    victim.deleted = true;
                    victim.deleteInFlight = false;
                }
                count("deleted");
                return;
            }
            victim.deleteInFlight = false;
            throw new Unexpected("DELETE answered " + o.answer.status + " " + o.answer.body);
        }

        void acked(Map<String, Object> photo, Content c) throws Unexpected {
            String id = (String) photo.get("id");
            if (!c.md5.equals(photo.get("md5"))) {
                throw new Unexpected("photo " + id + " has md5 " + photo.get("md5") + ", uploaded " + c.md5);
            }
            synchronized (this) {
                Rec r = photos.get(id);
                if (r != null && r.deleted) {
                    throw new Unexpected("photo " + id + ", deleted, was answered again");
                }
                if (r == null) {
                    photos.put(id, new Rec(id, c.md5));
                }
            }
            family.remember(c);
        }

        // ------------------------------------------------------------------------------------------- the API

        record Outcome(Answer answer, boolean unknown, boolean retried) {}

        /**
         * Sends until answered with anything but 5xx or 429; {@code unknown} when an attempt got no answer,
         * {@code retried} when there was more than one attempt.
         */
        Outcome retrying(String method, String path, String json) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            boolean unknown = false;
            boolean retried = false;
            while (true) {
                gate(this);
                try {
                    Answer a = api(method, path, json);
                    if (a.status == 429) {
                        count("api_429_retried");
                        List<String> after = a.headers.getOrDefault("retry-after", List.of("1"));
                        sleep(1000L * Math.max(1, Math.min(30, Integer.parseInt(after.get(0).trim()))));
                        continue;
                    }
                    if (a.status < 500) {
                        return new Outcome(a, unknown, retried);
                    }
                    count("api_" + a.status + "_retried");
                } catch (Unanswered e) {
                    unknown = true;
                    count("api_unanswered_retried");
                }
                if (System.nanoTime() > deadline) {
                    throw new Unexpected(method + " " + path + " not answered within 5 minutes");
                }
                retried = true;
                sleep(1000);
            }
        }

        Answer api(String method, String path, String json) throws Unanswered {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (json != null && !json.isEmpty()) {
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return send(b.build(), true);
        }

        Map<String, Object> expect(Answer a, int status) throws Unexpected {
            if (a.status != status) {
                throw new Unexpected("expected " + status + ", got " + a.status + " " + a.body);
            }
            return a.json();
        }

        /** The album's photos by id, every page. */
        Map<String, Map<String, Object>> listPhotos() throws Exception {
            Map<String, Map<String, Object>> listed = new LinkedHashMap<>();
            String cursor = null;
            do {
                String path = "/albums/" + albumId + "/photos?limit=100"
                        + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
                Map<String, Object> page = expect(retrying("GET", path, null).answer, 200);
                for (Object p : (List<?>) page.get("items")) {
                    Map<String, Object> photo = asMap(p);
                    listed.put((String) photo.get("id"), photo);
                }
                cursor = (String) page.get("next_cursor");
            } while (cursor != null);
            return listed;
        }

        // ------------------------------------------------------------------------------------------- the end

        /** verified, bad bytes, acked missing, resurrected, forbidden recorded, abandoned unrecorded, phantom, swept. */
        long[] finalCheck() throws Exception {
            Map<String, Map<String, Object>> listed = listPhotos();
            Map<String, List<String>> idsByMd5 = new HashMap<>();
            listed.forEach((id, p) -> idsByMd5.computeIfAbsent((String) p.get("md5"), k -> new ArrayList<>()).add(id));
            long badBytes = 0;
            for (Map<String, Object> p : listed.values()) {
                String got = download((String) p.get("url"));
                if (!p.get("md5").equals(got)) {
                    badBytes++;
                    note(name + ": photo " + p.get("id") + " md5 " + p.get("md5") + " serves " + got);
                }
            }
            long ackedMissing = 0;
            long resurrected = 0;
            Set<String> explained = new HashSet<>();
            synchronized (this) {
                for (Rec r : photos.values()) {
                    if (r.deleted) {
                        if (listed.containsKey(r.id)) {
                            resurrected++;
                            note(name + ": deleted photo " + r.id + " is listed");
                        }
                    } else if (!r.deleteInFlight && !listed.containsKey(r.id)) {
                        ackedMissing++;
                        note(name + ": acknowledged photo " + r.id + " (md5 " + r.md5 + ") is not listed");
                    }
                    explained.add(r.id);
                }
            }
            long forbiddenRecorded = 0;
            for (String md5 : forbidden) {
                if (idsByMd5.containsKey(md5)) {
                    forbiddenRecorded++;
                    note(name + ": forbidden content " + md5 + " recorded as " + idsByMd5.get(md5));
                }
            }
            long abandonedUnrecorded = 0;
            long swept = 0;
            for (String md5 : abandonedPosted) {
                if (idsByMd5.containsKey(md5)) {
                    swept++;
                    explained.addAll(idsByMd5.get(md5));
                } else {
                    abandonedUnrecorded++;
                    note(name + ": abandoned upload " + md5 + " (bytes acknowledged) was not recorded");
                }
            }
            long phantom = 0;
            for (Map<String, Object> p : listed.values()) {
                if (!explained.contains(p.get("id")) && !maybe.contains(p.get("md5")) && !forbidden.contains(p.get("md5"))) {
                    phantom++;
                    note(name + ": photo " + p.get("id") + " (md5 " + p.get("md5") + ") was never uploaded by anyone");
                }
            }
            return new long[] {listed.size(), badBytes, ackedMissing, resurrected, forbiddenRecorded, abandonedUnrecorded,
                    phantom, swept};
        }

        String download(String url) throws Exception {
            for (int attempt = 1; ; attempt++) {
                try {
                    long start = now();
                    stats.requests.increment();
                    HttpResponse<byte[]> res = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    if (res.statusCode() >= 500) {
                        stats.serverErrors.add(new Stats.Event(false, "GET store object", res.statusCode(), "", "", start, now()));
                    }
                    return res.statusCode() == 200 ? md5(res.body()) : "HTTP " + res.statusCode();
                } catch (IOException e) {
                    if (attempt == 3) {
                        return "no answer: " + e;
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- s3proxy

    final class S3Proxy {
        final Path dir;
        final Path jarPath;
        final int s3port;
        final String accessKey = "soak-" + UUID.randomUUID().toString().substring(0, 8);
        final String secretKey = UUID.randomUUID().toString();
        Process process;

        S3Proxy(Path dir, Path jarPath) throws IOException {
            this.dir = Files.createDirectories(dir);
            this.jarPath = jarPath;
            this.s3port = freePort();
        }

        String endpoint() {
            return "http://127.0.0.1:" + s3port;
        }

        void start() throws Exception {
            Path data = Files.createDirectories(dir.resolve("data"));
            Path props = dir.resolve("s3proxy.properties");
            Properties p = new Properties();
            p.setProperty("s3proxy.endpoint", endpoint());
            p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            p.setProperty("s3proxy.identity", accessKey);
            p.setProperty("s3proxy.credential", secretKey);
            p.setProperty("jclouds.provider", "filesystem");
            p.setProperty("jclouds.filesystem.basedir", data.toString());
            p.setProperty("jclouds.identity", "unused");
            p.setProperty("jclouds.credential", "unused");
            try (var out = Files.newBufferedWriter(props, StandardCharsets.UTF_8)) {
                p.store(out, "s3proxy for the soak");
            }
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-jar", jarPath.toString(), "--properties", props.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("s3proxy.log").toFile()));
            pb.environment().put("LOG_LEVEL", "warn");
            long started = System.nanoTime();
            process = pb.start();
            for (int i = 0; i < 1200; i++) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("s3proxy exited: " + tail(dir.resolve("s3proxy.log")));
                }
                try {
                    http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    note("s3proxy up at " + endpoint() + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
                    return;
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
            throw new IllegalStateException("s3proxy did not start: " + tail(dir.resolve("s3proxy.log")));
        }

        void stop() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
                }
            }
        }

        io.minio.MinioClient client() {
            return io.minio.MinioClient.builder().endpoint(endpoint()).region("us-east-1")
                    .credentials(accessKey, secretKey).build();
        }

        void createBucket(String bucket) throws Exception {
            client().makeBucket(io.minio.MakeBucketArgs.builder().bucket(bucket).build());
        }

        Set<String> keys(String bucket) throws Exception {
            Set<String> keys = new HashSet<>();
            for (io.minio.Result<io.minio.messages.Item> r : client().listObjects(
                    io.minio.ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
                keys.add(r.get().objectName());
            }
            return keys;
        }
    }

    static Path locateS3ProxyJar() {
        if (s3proxyJar != null) {
            return Path.of(s3proxyJar);
        }
        String env = System.getenv("S3PROXY_JAR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path cached = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "gaul", "s3proxy", "4.1.0",
                "s3proxy-4.1.0-jar-with-dependencies.jar");
        if (!Files.isRegularFile(cached)) {
            throw new IllegalStateException("no s3proxy jar at " + cached + "; pass --s3proxy-jar or fetch it with "
                    + "./mvnw -B -ntp dependency:copy -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies");
        }
        return cached;
    }

    /** WeChat's jscode2session on 127.0.0.1: any code logs in the openid "soak-" + code. */
    static final class FakeWechat {
        static final String APP_ID = "wx-soak";
        static final String APP_SECRET = "soak-secret";
        final com.sun.net.httpserver.HttpServer server;

        FakeWechat() throws IOException {
            server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/sns/jscode2session", exchange -> {
                String query = exchange.getRequestURI().getQuery();
                String code = query.replaceAll(".*js_code=([^&]*).*", "$1");
                byte[] body = ("{\"openid\":\"open-" + code + "\",\"session_key\":\"x\"}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void close() {
            server.stop(0);
        }
    }

    // ---------------------------------------------------------------------------------------------------- small things

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    static boolean isRoot() {
        try {
            return "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).trim());
        } catch (IOException e) {
            return false;
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Just enough JSON (as in bench/crash/Crash.java): objects, arrays, strings, numbers, booleans, null. */
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
