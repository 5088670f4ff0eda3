package dev.directupload.adapter.minio.testing;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A real S3 server for tests: s3proxy ({@code org.gaul:s3proxy:4.1.0:jar-with-dependencies}, which checks SigV4
 * signatures and POST policy conditions) started as a separate process on 127.0.0.1 with a free port and an
 * in-memory ({@code transient}) store, with random credentials, region {@code us-east-1}.
 *
 * <p>The jar is found through, in order: system property {@code s3proxy.jar}, environment variable
 * {@code S3PROXY_JAR}, the local Maven repository ({@code maven.repo.local} or {@code ~/.m2/repository}). The
 * adapters-minio build copies it into {@code target/s3proxy/} with the maven-dependency-plugin and passes
 * {@code -Ds3proxy.jar}; any module whose build resolved the artifact finds it in the local repository.
 *
 * <p>When the jar is missing or java cannot start it, {@link #shared()} and {@link #start()} print
 * {@code SKIPPED: s3proxy not available: <why>} on stdout and abort the calling test through a JUnit assumption
 * (a skip, never a silent pass); with {@code -Ds3proxy.required=true} they fail instead.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String VERSION = "4.1.0";
    public static final String REGION = "us-east-1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private static S3ProxyServer shared;
    private static String sharedFailure;

    private final Process process;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private final Path log;

    private S3ProxyServer(Process process, int port, String accessKey, String secretKey, Path log) {
        this.process = process;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.log = log;
    }

    /**
     * One server for the whole test JVM, started on first use and stopped when the JVM exits; each caller creates
     * its own bucket(s).
     */
    public static synchronized S3ProxyServer shared() {
        if (shared == null && sharedFailure == null) {
            try {
                shared = launch();
                S3ProxyServer server = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3proxy-stop"));
            } catch (Unavailable e) {
                sharedFailure = e.getMessage();
            }
        }
        if (shared == null) {
            skip(sharedFailure);
        }
        return shared;
    }

    /** A server of its own; the caller closes it. */
    public static S3ProxyServer start() {
        try {
            return launch();
        } catch (Unavailable e) {
            skip(e.getMessage());
            throw new AssertionError("unreachable");
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public String region() {
        return REGION;
    }

    /** The server's own log (stdout and stderr). */
    public Path log() {
        return log;
    }

    /** The {@code minio.*} settings (and {@code storage.provider=minio}) that point the adapter at this server. */
    public Map<String, Object> minioSettings(String bucket) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("storage.provider", "minio");
        settings.put("minio.endpoint", endpoint());
        settings.put("minio.region", REGION);
        settings.put("minio.bucket", bucket);
        settings.put("minio.access-key", accessKey);
        settings.put("minio.secret-key", secretKey);
        return settings;
    }

    /** A client of this server with its credentials; the caller closes it. */
    public MinioClient newClient() {
        return MinioClient.builder()
                .endpoint(endpoint())
                .region(REGION)
                .credentials(accessKey, secretKey)
                .build();
    }

    /** Creates the bucket unless it exists, and returns its name. */
    public String createBucket(String bucket) {
        try (MinioClient client = newClient()) {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            return bucket;
        } catch (Exception e) {
            throw new IllegalStateException("could not create bucket " + bucket + " on s3proxy " + endpoint(), e);
        }
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the process (and waits for it). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void skip(String why) {
        if (Boolean.getBoolean("s3proxy.required")) {
            throw new IllegalStateException("s3proxy required (-Ds3proxy.required=true) but not available: " + why);
        }
        System.out.println("SKIPPED: s3proxy not available: " + why);
        Assumptions.abort("s3proxy not available: " + why);
    }

    private static S3ProxyServer launch() throws Unavailable {
        Path jar = locateJar();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            throw new Unavailable("no java executable at " + java);
        }
        Path workDir = workDir();
        String failures = "";
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = freePort();
            String accessKey = "test-" + UUID.randomUUID().toString().substring(0, 8);
            String secretKey = UUID.randomUUID().toString();
            Path properties = workDir.resolve("s3proxy-" + port + ".properties");
            Path log = workDir.resolve("s3proxy-" + port + ".log");
            writeProperties(properties, port, accessKey, secretKey);
            Process process;
            try {
                ProcessBuilder builder = new ProcessBuilder(
                        java.toString(),
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar.toString(),
                        "--properties",
                        properties.toString());
                builder.environment().put("LOG_LEVEL", "warn");
                process = builder.redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
            } catch (IOException e) {
                throw new Unavailable("java could not start " + jar + ": " + e);
            }
            S3ProxyServer server = new S3ProxyServer(process, port, accessKey, secretKey, log);
            String failure = server.awaitReady();
            if (failure == null) {
                return server;
            }
            server.close();
            failures += " attempt " + attempt + ": " + failure + ";";
        }
        throw new Unavailable("s3proxy did not start (" + jar + "):" + failures);
    }

    /** Null when the server answers HTTP; otherwise why not. */
    private String awaitReady() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return "process exited with " + process.exitValue() + "; log: " + tail(log);
            }
            try {
                // an anonymous GET / is refused (403), which proves the S3 front end is up
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() > 0) {
                    return null;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return "not ready within " + READY_TIMEOUT.toSeconds() + " s; log: " + tail(log);
    }

    private static Path locateJar() throws Unavailable {
        List<Path> tried = new ArrayList<>();
        String property = System.getProperty("s3proxy.jar");
        String env = System.getenv("S3PROXY_JAR");
        for (String candidate : new String[] {property, env}) {
            if (candidate != null && !candidate.isBlank()) {
                Path path = Path.of(candidate);
                if (Files.isRegularFile(path)) {
                    return path;
                }
                tried.add(path);
            }
        }
        String repository = System.getProperty("maven.repo.local");
        Path repo = repository != null && !repository.isBlank()
                ? Path.of(repository)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        Path cached = repo.resolve(
                Path.of("org", "gaul", "s3proxy", VERSION, "s3proxy-" + VERSION + "-jar-with-dependencies.jar"));
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        tried.add(cached);
        throw new Unavailable("no s3proxy jar; looked at " + tried + " (build with Maven once online: the "
                + "maven-dependency-plugin resolves org.gaul:s3proxy:" + VERSION + ":jar:jar-with-dependencies)");
    }

    private static Path workDir() throws Unavailable {
        String configured = System.getProperty("s3proxy.workdir");
        Path dir = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "s3proxy-tests");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new Unavailable("cannot create work directory " + dir + ": " + e);
        }
    }

    private static void writeProperties(Path file, int port, String accessKey, String secretKey) {
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", accessKey);
        properties.setProperty("s3proxy.credential", secretKey);
        properties.setProperty("jclouds.provider", "transient");
        properties.setProperty("jclouds.identity", "unused");
        properties.setProperty("jclouds.credential", "unused");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "s3proxy for tests");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The server cannot be had on this machine. */
    private static final class Unavailable extends Exception {

        Unavailable(String message) {
            super(message);
        }
    }
}
