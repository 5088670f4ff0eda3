package dev.directupload.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.adapter.minio.testing.S3ProxyServer;
import dev.directupload.application.port.in.upload.SweepUploadsUseCase.SweepReport;
import dev.directupload.application.service.upload.ExclusiveSweep;
import dev.directupload.bootstrap.support.Api;
import dev.directupload.bootstrap.support.Api.Answer;
import dev.directupload.bootstrap.support.FakeWechat;
import dev.directupload.bootstrap.support.Multipart;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three instances of the service, each on its own port with its own application context (no bean, cache or bucket
 * shared in memory), on one PostgreSQL schema and one s3proxy bucket, as behind a load balancer: an upload prepared
 * on one instance completes on another; three sweepers running at once never handle a slot twice; with {@code
 * upload.rate-limit.store=database} a user's signing limit holds across the instances. Skipped, with a {@code
 * SKIPPED:} line, when PostgreSQL (127.0.0.1:5432, {@code -Dtest.postgres.port}) or s3proxy is not available.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeInstancesTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SIGNING_CAPACITY = 5;

    private final FakeWechat wechat = new FakeWechat();
    private final List<EmbeddedServer> instances = new ArrayList<>();
    private final List<HttpClient> clients = new ArrayList<>();
    private String server;
    private String user;
    private String schema;

    @BeforeAll
    void startThreeInstances() throws Exception {
        int port = Integer.getInteger("test.postgres.port", 5432);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        } catch (IOException e) {
            String why = "PostgreSQL not reachable on 127.0.0.1:" + port + " (" + e.getMessage() + ")";
            System.out.println("SKIPPED: 3-instance test: " + why);
            Assumptions.abort(why);
        }
        S3ProxyServer s3 = S3ProxyServer.shared(); // prints SKIPPED and aborts when s3proxy cannot run
        server = "jdbc:postgresql://127.0.0.1:" + port + "/test";
        user = firstWorkingUser(server, "postgres", "root");
        schema = "du_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);

        Map<String, Object> shared = new HashMap<>(s3.minioSettings(s3.createBucket("cluster-" + System.nanoTime())));
        shared.put("micronaut.server.port", -1);
        shared.put("datasources.default.url", server + "?currentSchema=" + schema);
        shared.put("datasources.default.username", user);
        shared.put("datasources.default.password", "");
        shared.put("auth.jwt.secret", "cluster-test-secret-of-more-than-32-characters");
        shared.put("wechat.app-id", FakeWechat.APP_ID);
        shared.put("wechat.app-secret", FakeWechat.APP_SECRET);
        shared.put("wechat.api-base-url", wechat.baseUrl());
        shared.put("upload.rate-limit.store", "database");
        shared.put("upload.rate-limit.capacity", SIGNING_CAPACITY);
        shared.put("upload.rate-limit.per-minute", 1);
        // forms live 5 s, the sweeper leaves a slot alone 1 s more; its lease lasts 3 intervals (3 s)
        shared.put("upload.policy-ttl", "5s");
        shared.put("upload.sweep-grace", "1s");
        shared.put("upload.sweep-interval", "1s");
        // the test runs each instance's sweeper itself, all three at once
        shared.put("upload.sweep-enabled", false);

        // started together on the empty schema: Flyway's lock lets one migrate, the others wait
        List<Callable<EmbeddedServer>> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            starts.add(() -> ApplicationContext.run(EmbeddedServer.class, shared));
        }
        instances.addAll(concurrently(starts));
        for (EmbeddedServer instance : instances) {
            clients.add(client(instance));
        }
        System.out.println("3-instance test: instances on ports "
                + instances.stream().map(EmbeddedServer::getPort).toList() + ", PostgreSQL schema " + schema
                + ", s3proxy " + s3.endpoint());
    }

    @AfterAll
    void stop() {
        clients.forEach(HttpClient::close);
        instances.forEach(i -> {
            if (i.isRunning()) {
                i.getApplicationContext().close();
            }
        });
        wechat.close();
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private Api api(int instance) {
        return new Api(clients.get(instance).toBlocking(), false);
    }

    /** Token, family and album of a new user, made through instance 0. */
    private String[] family(String name) {
        Api api = api(0);
        String token = api.login(name);
        String familyId = api.post("/families", Map.of("name", name), token).text("id");
        String albumId = api.post("/families/" + familyId + "/albums", Map.of("name", "A"), token)
                .text("id");
        return new String[] {token, familyId, albumId};
    }

    private static Map<String, Object> file(int i, byte[] bytes) {
        return Map.of(
                "client_ref",
                Integer.toString(i),
                "name",
                "IMG_" + i + ".jpg",
                "size",
                bytes.length,
                "type",
                "image/jpeg",
                "md5",
                Multipart.md5(bytes));
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Answer answer) {
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
        return (List<Map<String, Object>>) answer.body().get("items");
    }

    @SuppressWarnings("unchecked")
    private static void upload(Map<String, Object> slot, byte[] bytes) {
        Multipart.StorageAnswer stored = Multipart.post(
                slot.get("url").toString(), (Map<String, Object>) slot.get("fields"), "f.jpg", bytes, "image/jpeg");
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
    }

    @Test
    @Order(1)
    @SuppressWarnings("unchecked")
    void anUploadPreparedOnOneInstance_completesOnAnother() {
        String[] f = family("cluster-flow");
        List<byte[]> photos = new ArrayList<>();
        List<Map<String, Object>> files = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            photos.add(randomBytes(20_000 + i));
            files.add(file(i, photos.get(i)));
        }
        List<Map<String, Object>> slots =
                items(api(0).post("/uploads", Map.of("family_id", f[1], "album_id", f[2], "files", files), f[0]));
        for (int i = 0; i < 6; i++) {
            upload(slots.get(i), photos.get(i));
        }
        for (int i = 0; i < 6; i++) {
            int instance = 1 + i % 2;
            Answer completed =
                    api(instance).post("/uploads/" + slots.get(i).get("upload_id") + "/complete", Map.of(), f[0]);
            assertThat(completed.status())
                    .as("complete on instance %d: %s", instance, completed.body())
                    .isEqualTo(200);
            assertThat(completed.text("md5")).isEqualTo(Multipart.md5(photos.get(i)));
        }
        Answer again = api(0).post("/uploads/" + slots.get(0).get("upload_id") + "/complete", Map.of(), f[0]);
        assertThat(again.status())
                .as("complete again, on the instance that prepared it")
                .isEqualTo(200);

        List<Map<String, Object>> listed = (List<Map<String, Object>>)
                api(2).get("/albums/" + f[2] + "/photos", f[0]).body().get("items");
        assertThat(listed).hasSize(6);
        assertThat(Multipart.get(listed.get(0).get("url").toString()).statusCode())
                .isEqualTo(200);
        Map<String, Object> instant = items(api(1).post(
                                "/uploads",
                                Map.of("family_id", f[1], "album_id", f[2], "files", List.of(file(9, photos.get(3)))),
                                f[0]))
                .get(0);
        assertThat(instant).containsEntry("status", "instant");
        System.out.println("3-instance test: 6 uploads prepared on instance 0, completed on instances 1 and 2;"
                + " listed on instance 2; 秒传 on instance 1");
    }

    @Test
    @Order(2)
    void aUsersSigningLimitHoldsAcrossInstances() throws Exception {
        String[] f = family("cluster-limited");
        String signature = "/families/oss/signature?family_id=" + f[1] + "&file_path=" + f[2];
        List<String> outcomes = new ArrayList<>();
        int granted = 0;
        for (int call = 0; call < SIGNING_CAPACITY + 4; call++) {
            int instance = call % 3;
            Answer answer = api(instance).get(signature, f[0]);
            outcomes.add(instance + ":" + answer.status());
            if (call < SIGNING_CAPACITY) {
                assertThat(answer.status())
                        .as("call %d on instance %d: %s", call, instance, answer.body())
                        .isEqualTo(200);
                granted++;
            } else {
                assertThat(answer.status())
                        .as("call %d on instance %d", call, instance)
                        .isEqualTo(429);
                assertThat(answer.text("code")).isEqualTo("rate_limited");
                assertThat(Integer.parseInt(answer.header("Retry-After"))).isBetween(1, 60);
            }
        }
        assertThat(granted).isEqualTo(SIGNING_CAPACITY);
        String userId = query(
                "SELECT id FROM users WHERE id IN (SELECT user_id FROM memberships WHERE family_id = '" + f[1] + "')");
        assertThat(query("SELECT COUNT(*) FROM rate_limits WHERE bucket_key = 'sign:" + userId + "'"))
                .isEqualTo("1");
        System.out.println("3-instance test: signing capacity " + SIGNING_CAPACITY
                + " per user, calls round-robin (instance:status) " + outcomes);
    }

    @Test
    @Order(3)
    void threeSweepersAtOnce_handleEachSlotOnce_andAnotherTakesOverWhenTheHolderDies() throws Exception {
        String[] f = family("cluster-sweep");
        List<Map<String, Object>> files = new ArrayList<>();
        List<byte[]> photos = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            photos.add(randomBytes(10_000 + i));
            files.add(file(i, photos.get(i)));
        }
        List<Map<String, Object>> slots =
                items(api(1).post("/uploads", Map.of("family_id", f[1], "album_id", f[2], "files", files), f[0]));
        for (int i = 0; i < 8; i++) {
            upload(slots.get(i), photos.get(i)); // the other 4 are abandoned; nobody calls complete
        }
        Thread.sleep(7_000); // form (5 s) and grace (1 s) are over

        int[][] handled = sweepAtOnce(List.of(0, 1, 2), 5);
        int completed = handled[0][0] + handled[1][0] + handled[2][0];
        int expired = handled[0][1] + handled[1][1] + handled[2][1];
        System.out.println("3-instance test: 3 sweepers x 5 rounds at once, (completed, expired) per instance: "
                + describe(handled) + "; lease holder " + query("SELECT holder FROM leases"));
        assertThat(completed).as("uploaded slots recorded, each by one sweep").isEqualTo(8);
        assertThat(expired).as("abandoned slots expired, each by one sweep").isEqualTo(4);
        int holder = -1;
        for (int i = 0; i < 3; i++) {
            if (handled[i][0] + handled[i][1] > 0) {
                assertThat(holder).as("only the lease holder sweeps").isEqualTo(-1);
                holder = i;
            }
        }
        assertThat(count("SELECT COUNT(*) FROM media_files WHERE album_id = '" + f[2] + "'"))
                .isEqualTo(8);
        assertThat(count("SELECT COUNT(DISTINCT object_key) FROM media_files WHERE album_id = '" + f[2] + "'"))
                .isEqualTo(8);
        assertThat(count("SELECT COUNT(*) FROM upload_slots WHERE family_id = '" + f[1] + "' AND status = 'PENDING'"))
                .isZero();

        // the holder stops without handing the lease over (as if killed): it runs out, and another instance sweeps
        EmbeddedServer dead = instances.get(holder);
        dead.getApplicationContext().close();
        List<Integer> alive = new ArrayList<>(List.of(0, 1, 2));
        alive.remove(Integer.valueOf(holder));
        byte[] late = randomBytes(12_345);
        List<Map<String, Object>> more = items(api(alive.get(0))
                .post(
                        "/uploads",
                        Map.of(
                                "family_id",
                                f[1],
                                "album_id",
                                f[2],
                                "files",
                                List.of(file(20, late), file(21, randomBytes(99)))),
                        f[0]));
        upload(more.get(0), late);
        Thread.sleep(7_000);
        int[][] after = sweepAtOnce(alive, 5);
        System.out.println("3-instance test: instance " + holder + " stopped; survivors " + alive
                + " (completed, expired): " + describe(after));
        assertThat(after[0][0] + after[1][0]).isEqualTo(1);
        assertThat(after[0][1] + after[1][1]).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM media_files WHERE album_id = '" + f[2] + "'"))
                .isEqualTo(9);
    }

    /** Runs the sweepers of {@code which} instances together, {@code rounds} times; (completed, expired) each. */
    private int[][] sweepAtOnce(List<Integer> which, int rounds) throws Exception {
        int[][] handled = new int[which.size()][2];
        for (int round = 0; round < rounds; round++) {
            List<Callable<SweepReport>> sweeps = new ArrayList<>();
            for (int instance : which) {
                ExclusiveSweep sweeper =
                        instances.get(instance).getApplicationContext().getBean(ExclusiveSweep.class);
                sweeps.add(sweeper::sweep);
            }
            List<SweepReport> reports = concurrently(sweeps);
            for (int i = 0; i < which.size(); i++) {
                handled[i][0] += reports.get(i).completed() + reports.get(i).orphansRecorded();
                handled[i][1] += reports.get(i).expired();
            }
        }
        return handled;
    }

    private static String describe(int[][] handled) {
        List<String> parts = new ArrayList<>();
        for (int[] h : handled) {
            parts.add("(" + h[0] + ", " + h[1] + ")");
        }
        return String.join(" ", parts);
    }

    private static <T> List<T> concurrently(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(3, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private long count(String sql) throws SQLException {
        return Long.parseLong(query(sql));
    }

    private String query(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server + "?currentSchema=" + schema, user, "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(server, user, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("failed on " + server + ": " + sql, e);
        }
    }

    private static String firstWorkingUser(String url, String... users) {
        SQLException last = null;
        for (String candidate : users) {
            try (Connection ignored = DriverManager.getConnection(url, candidate, "")) {
                return candidate;
            } catch (SQLException e) {
                last = e;
            }
        }
        throw new IllegalStateException("no account of " + String.join(", ", users) + " can log in to " + url, last);
    }

    /** A client of {@code server} that waits up to a minute for an answer (the machine may be busy). */
    private static HttpClient client(EmbeddedServer server) {
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setReadTimeout(Duration.ofSeconds(60));
        return HttpClient.create(server.getURL(), configuration);
    }
}
