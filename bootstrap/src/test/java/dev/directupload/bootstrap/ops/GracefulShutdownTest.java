package dev.directupload.bootstrap.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM on the real application in a child JVM (embedded defaults: H2 and the local store in a fresh folder):
 * the server stops accepting connections, an upload in flight that ends within the grace period is stored and
 * answered, the process exits 0; an upload the grace period cuts leaves no object and no record (checked after a
 * restart on the same data); the start logs one INFO line with the effective configuration.
 */
class GracefulShutdownTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    @Test
    void sigterm_letsInFlightUploadsFinish_cutsOnlyPastTheGracePeriod_andExitsZero() throws Exception {
        byte[] kept = bytes(400_000);
        byte[] cut = bytes(400_000);

        // 1. an upload in flight when SIGTERM arrives, finished within the grace period (5 s)
        Service first = Service.start(work, "5s");
        String token = first.login("stopper");
        String family = first.json("/families", "{\"name\":\"f\"}", token).get("id");
        String album = first.json("/families/" + family + "/albums", "{\"name\":\"a\"}", token)
                .get("id");
        assertThat(first.log())
                .as("the start summary")
                .containsPattern("INFO .*Configuration: provider=local "
                        + "bucket=album-local region=cn-hangzhou public-url=http://\\S+:\\d+/local-oss/album-local "
                        + "database=H2 dev-login=on callback=off");
        Slot keptSlot = first.prepare(token, family, album, kept);
        SlowUpload inFlight = SlowUpload.begin(first.port, keptSlot, kept);
        inFlight.sendHalf();
        first.process.destroy(); // SIGTERM
        assertThat(first.refusesNewConnectionsWithin(Duration.ofSeconds(10)))
                .as("stops accepting; log:%n%s", first.log())
                .isTrue();
        Thread.sleep(500);
        inFlight.sendRest();
        assertThat(inFlight.statusLine()).as("the upload in flight is answered").contains(" 200");
        assertThat(first.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.process.exitValue())
                .as("exit status; log:%n%s", first.log())
                .isZero();

        // 2. an upload still in flight when the grace period (2 s) ends is cut
        Service second = Service.start(work, "2s");
        Slot cutSlot = second.prepare(token, family, album, cut);
        SlowUpload stalled = SlowUpload.begin(second.port, cutSlot, cut);
        stalled.sendHalf();
        long signalled = System.nanoTime();
        second.process.destroy();
        assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.process.exitValue())
                .as("exit status; log:%n%s", second.log())
                .isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(30));
        stalled.close();

        // 3. after a restart: the finished upload is there and completes; the cut one left nothing
        Service third = Service.start(work, "5s");
        try {
            assertThat(third.post("/uploads/" + keptSlot.uploadId + "/complete", "", token)
                            .statusCode())
                    .isEqualTo(200);
            HttpResponse<String> refused = third.post("/uploads/" + cutSlot.uploadId + "/complete", "", token);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("\"object_not_found\"");
            String photos = third.get("/albums/" + album + "/photos", token).body();
            assertThat(photos).contains(md5(kept)).doesNotContain(md5(cut));
            String cutMd5 = md5(cut);
            try (Stream<Path> files = Files.walk(work.resolve("data/objects"))) {
                List<Path> partial = files.filter(p -> p.toString().contains(cutMd5)
                                || p.startsWith(work.resolve("data/objects/.tmp")) && Files.isRegularFile(p))
                        .toList();
                assertThat(partial).as("files left of the cut upload").isEmpty();
            }
        } finally {
            third.process.destroy();
            assertThat(third.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(third.process.exitValue()).isZero();
    }

    record Slot(String uploadId, String url, Map<String, String> fields) {}

    /** The application's main class in a child JVM on a free port, in {@code work}. */
    static final class Service {
        final Process process;
        final int port;
        final Path log;

        private Service(Process process, int port, Path log) {
            this.process = process;
            this.port = port;
            this.log = log;
        }

        static Service start(Path work, String gracePeriod) throws Exception {
            int port = freePort();
            Path log = Files.createTempFile(work, "service-", ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-Dmicronaut.server.port=" + port,
                    "-Dmicronaut.lifecycle.graceful-shutdown.grace-period=" + gracePeriod,
                    "-Dupload.sweep-enabled=false",
                    "-Dlocal-storage.min-free-bytes=1MB",
                    "-cp",
                    serviceClasspath(),
                    "dev.directupload.bootstrap.Application"));
            Process process = new ProcessBuilder(command)
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Service service = new Service(process, port, log);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    if (service.get("/health", null).statusCode() == 200) {
                        return service;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            process.destroyForcibly();
            throw new AssertionError("service did not start; log:\n" + service.log());
        }

        String log() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        String login(String user) throws Exception {
            return json("/auth/dev/login", "{\"user\":\"" + user + "\"}", null).get("token");
        }

        Slot prepare(String token, String family, String album, byte[] file) throws Exception {
            String body = "{\"family_id\":\"" + family + "\",\"album_id\":\"" + album + "\",\"files\":[{\"client_ref\":"
                    + "\"0\",\"name\":\"p.jpg\",\"size\":" + file.length + ",\"type\":\"image/jpeg\",\"md5\":\""
                    + md5(file) + "\"}]}";
            HttpResponse<String> answer = post("/uploads", body, token);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            String json = answer.body();
            String fieldsJson = json.substring(json.indexOf("\"fields\":{") + 10);
            fieldsJson = fieldsJson.substring(0, fieldsJson.indexOf('}'));
            Map<String, String> fields = new java.util.LinkedHashMap<>();
            Matcher pair = Pattern.compile("\"([^\"]+)\":\"([^\"]*)\"").matcher(fieldsJson);
            while (pair.find()) {
                fields.put(pair.group(1), pair.group(2));
            }
            return new Slot(text(json, "upload_id"), text(json, "url"), fields);
        }

        Map<String, String> json(String path, String body, String token) throws Exception {
            HttpResponse<String> answer = post(path, body, token);
            assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 201);
            Map<String, String> values = new java.util.HashMap<>();
            Matcher pair = Pattern.compile("\"([a-z_]+)\":\"([^\"]*)\"").matcher(answer.body());
            while (pair.find()) {
                values.putIfAbsent(pair.group(1), pair.group(2));
            }
            return values;
        }

        HttpResponse<String> post(String path, String body, String token) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                    .timeout(Duration.ofSeconds(5))
                    .GET();
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        boolean refusesNewConnectionsWithin(Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                } catch (ConnectException refused) {
                    return true;
                } catch (IOException other) {
                    // a timeout: try again
                }
                Thread.sleep(100);
            }
            return false;
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }

    /** A PostObject sent over a raw socket in two halves, so that it can be held in flight. */
    static final class SlowUpload {
        private final Socket socket;
        private final byte[] head;
        private final byte[] body;
        private int sent;

        private SlowUpload(Socket socket, byte[] head, byte[] body) {
            this.socket = socket;
            this.head = head;
            this.body = body;
        }

        static SlowUpload begin(int port, Slot slot, byte[] file) throws IOException {
            String boundary = "----slow" + System.nanoTime();
            var form = new java.io.ByteArrayOutputStream();
            for (Map.Entry<String, String> field : slot.fields.entrySet()) {
                form.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                                + "\"\r\n\r\n" + field.getValue() + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            form.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.jpg\"\r\n"
                            + "Content-Type: image/jpeg\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            form.write(file);
            form.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            byte[] body = form.toByteArray();
            String path = URI.create(slot.url).getPath();
            byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                            + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: "
                            + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(60_000);
            return new SlowUpload(socket, head, body);
        }

        void sendHalf() throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(head);
            sent = body.length / 2;
            out.write(body, 0, sent);
            out.flush();
        }

        void sendRest() throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(body, sent, body.length - sent);
            out.flush();
        }

        String statusLine() throws IOException {
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        }

        void close() throws IOException {
            socket.close();
        }
    }

    private static String text(String json, String field) {
        Matcher value = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(json);
        assertThat(value.find()).as(field + " in " + json).isTrue();
        return value.group(1);
    }

    /** The module's runtime classpath without test classes (the child is the application, not a test). */
    private static String serviceClasspath() {
        String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(full.split(File.pathSeparator))
                .filter(e -> !e.isBlank() && !e.endsWith("test-classes") && !e.contains("surefire"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }
}
