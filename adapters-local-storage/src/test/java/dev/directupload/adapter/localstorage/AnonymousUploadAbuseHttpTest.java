package dev.directupload.adapter.localstorage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.storage.ObjectKey;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The abuse run of issue 11 point 4, over real HTTP with the defaults (64 upload slots, 30 s deadlines): 200 parallel
 * anonymous PostObject requests send 60 KB of form fields, then dribble a byte a second; one uploader with a valid form
 * stalls in the middle of its file. The server's threads and heap stay bounded, every abuser is answered (503
 * {@code SlowDown} at once, or 400 {@code RequestTimeout} at its deadline), the stalled upload leaves nothing, and a
 * legitimate upload started among them succeeds within the same minute.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnonymousUploadAbuseHttpTest implements TestPropertyProvider {

    private static final int ABUSERS = 200;
    private static final int CLIENT_THREADS = 8;
    private static final int SLOTS = 64;
    private static final long MIB = 1024 * 1024;
    private static final FamilyId FAMILY = new FamilyId("f1");
    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3})");
    private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final Pattern MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Path root;

    @Inject
    EmbeddedServer server;

    @Inject
    SignUploadFormPort forms;

    @Inject
    InspectObjectPort inspect;

    @Override
    public Map<String, String> getProperties() {
        try {
            root = Files.createTempDirectory("local-oss-abuse").resolve("objects");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("local-storage.root", root.toString());
    }

    /** One abusive connection and what the server answered on it. */
    private static final class Abuser {
        final Socket socket;
        final ByteArrayOutputStream answer = new ByteArrayOutputStream();
        boolean closed;

        Abuser(Socket socket) {
            this.socket = socket;
        }

        /** Reads what has arrived; true once a whole XML error is in. */
        boolean answered() {
            try {
                InputStream in = socket.getInputStream();
                int available = in.available();
                if (available > 0) {
                    answer.write(in.readNBytes(available));
                }
            } catch (IOException e) {
                closed = true;
            }
            return text().contains("</Error>");
        }

        String text() {
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void twoHundredAnonymousDribblers_leaveThreadsAndHeapBounded_andALegitimateUploadSucceedsInTheSameMinute()
            throws Exception {
        upload("warm-up.jpg"); // the store's beans, a worker and the watchdog exist before the baseline
        long threadsBefore = serverThreads();
        long heapBefore = usedHeapAfterGc();

        long t0 = System.nanoTime();
        Stalled stalled = stalledUpload();
        Thread.sleep(300);

        ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS, namedThreads("abuse-client-"));
        List<Abuser> abusers = new ArrayList<>();
        List<Future<?>> dribbling = new ArrayList<>();
        for (int c = 0; c < CLIENT_THREADS; c++) {
            List<Abuser> mine = new ArrayList<>();
            for (int i = 0; i < ABUSERS / CLIENT_THREADS; i++) {
                mine.add(new Abuser(new Socket(server.getHost(), server.getPort())));
            }
            abusers.addAll(mine);
            dribbling.add(
                    clients.submit(() -> abuse(mine, t0 + Duration.ofSeconds(75).toNanos())));
        }
        Thread.sleep(1_500); // every abuser has sent its fields

        ExecutorService legitimate = Executors.newSingleThreadExecutor(namedThreads("legit-"));
        AtomicInteger slowDowns = new AtomicInteger();
        Future<Long> legitimateStoredAt = legitimate.submit(() -> uploadRetryingSlowDown(slowDowns, t0));

        sleepUntil(t0 + Duration.ofSeconds(15).toNanos());
        long threadsDuring = serverThreads();
        long workersDuring = threadsNamed("local-oss-upload-");
        long heapDuring = usedHeapAfterGc();

        long storedAt = legitimateStoredAt.get(70, TimeUnit.SECONDS);
        String stalledAnswer = stalled.answer(Duration.ofSeconds(60));
        for (Future<?> f : dribbling) {
            f.get(80, TimeUnit.SECONDS);
        }
        Map<String, Long> codes = new java.util.TreeMap<>();
        for (Abuser abuser : abusers) {
            abuser.answered();
            codes.merge(status(abuser.text()) + " " + match(CODE, abuser.text()), 1L, Long::sum);
        }
        for (Abuser abuser : abusers) {
            abuser.socket.close();
        }
        clients.shutdownNow();
        legitimate.shutdownNow();
        Thread.sleep(2_000);
        long threadsAfter = serverThreads();
        long heapAfter = usedHeapAfterGc();

        System.out.printf(
                "abuse run: server threads %d before, %d during (%d upload workers), %d after; used heap %d MiB before,"
                        + " %d MiB during, %d MiB after; abusers answered %s; legitimate upload stored %.1f s after"
                        + " the start, after %d SlowDown answers%n",
                threadsBefore,
                threadsDuring,
                workersDuring,
                threadsAfter,
                heapBefore / MIB,
                heapDuring / MIB,
                heapAfter / MIB,
                codes,
                (storedAt - t0) / 1e9,
                slowDowns.get());

        assertThat(Duration.ofNanos(storedAt - t0))
                .as("legitimate upload stored")
                .isLessThan(Duration.ofSeconds(60));
        assertThat(slowDowns.get())
                .as("the legitimate upload met full slots first")
                .isPositive();
        assertThat(codes)
                .as("every abuser answered: refused at once, or cut off at its deadline")
                .containsOnlyKeys("503 SlowDown", "400 RequestTimeout")
                .containsEntry("400 RequestTimeout", (long) SLOTS - 1)
                .containsEntry("503 SlowDown", (long) ABUSERS - SLOTS + 1);
        assertThat(workersDuring).isLessThanOrEqualTo(SLOTS);
        assertThat(threadsDuring - threadsBefore).as("threads during").isLessThanOrEqualTo(SLOTS + 8);
        assertThat(threadsAfter - threadsBefore).as("threads after").isLessThanOrEqualTo(SLOTS + 8);
        assertThat(heapDuring - heapBefore).as("heap during").isLessThan(64 * MIB);
        assertThat(heapAfter - heapBefore).as("heap after").isLessThan(32 * MIB);

        assertThat(status(stalledAnswer)).isEqualTo("400");
        assertThat(match(CODE, stalledAnswer)).isEqualTo("RequestTimeout");
        assertThat(match(MESSAGE, stalledAnswer)).contains("no byte of the request body arrived for 30 s");
        assertThat(inspect.inspect(stalled.key())).isEmpty();
        try (Stream<Path> temporary = Files.list(root.resolve(".tmp"))) {
            assertThat(temporary).as("nothing partial kept").isEmpty();
        }
    }

    /** Sends each abuser's request head and 60 KB of fields, then a byte a second until answered or {@code until}. */
    private static Void abuse(List<Abuser> abusers, long until) throws Exception {
        byte[] head = ("POST /local-oss/album-local HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                        + MultipartBody.CONTENT_TYPE + "\r\nContent-Length: 10000000\r\n\r\n"
                        + "--" + MultipartBody.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"policy\"\r\n\r\n"
                        + "A".repeat(60_000) + "\r\n--" + MultipartBody.BOUNDARY
                        + "\r\nContent-Disposition: form-data; name=\"x-oss-signature\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (Abuser abuser : abusers) {
            OutputStream out = abuser.socket.getOutputStream();
            out.write(head);
            out.flush();
        }
        while (System.nanoTime() < until) {
            boolean pending = false;
            for (Abuser abuser : abusers) {
                if (abuser.closed || abuser.answered()) {
                    continue;
                }
                pending = true;
                try {
                    abuser.socket.getOutputStream().write('a');
                } catch (IOException e) {
                    abuser.closed = true;
                }
            }
            if (!pending) {
                break;
            }
            Thread.sleep(1_000);
        }
        return null;
    }

    /** Uploads a small file, again after each 503 SlowDown; when it was stored (nanoTime). */
    private long uploadRetryingSlowDown(AtomicInteger slowDowns, long t0) throws Exception {
        byte[] content = random(2_000);
        UploadForm form = forms.sign(exact("legitimate.jpg", content.length));
        while (System.nanoTime() - t0 < Duration.ofSeconds(65).toNanos()) {
            HttpResponse<byte[]> response = post(form, content);
            String body = new String(response.body(), StandardCharsets.UTF_8);
            if (response.statusCode() == 200) {
                assertThat(inspect.inspect(new ObjectKey(form.fields().get("key"))))
                        .isPresent();
                return System.nanoTime();
            }
            assertThat(response.statusCode()).as(body).isEqualTo(503);
            assertThat(match(CODE, body)).isEqualTo("SlowDown");
            slowDowns.incrementAndGet();
            Thread.sleep(1_000);
        }
        throw new AssertionError("the legitimate upload was not stored within 65 s");
    }

    /** A client with a valid form that sends the fields and a fifth of its file, then nothing. */
    private record Stalled(Socket socket, ObjectKey key) {
        String answer(Duration within) throws IOException {
            socket.setSoTimeout((int) within.toMillis());
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            socket.close();
            return answer;
        }
    }

    private Stalled stalledUpload() throws IOException {
        byte[] content = random(5_000);
        UploadForm form = forms.sign(exact("stalled.jpg", content.length));
        byte[] body = MultipartBody.of(form.fields())
                .file("s.jpg", "image/jpeg", content)
                .close();
        Socket socket = new Socket(server.getHost(), server.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /local-oss/album-local HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                        + MultipartBody.CONTENT_TYPE + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, body.length - 4_000);
        out.flush();
        return new Stalled(socket, new ObjectKey(form.fields().get("key")));
    }

    private void upload(String name) throws Exception {
        byte[] content = random(1_000);
        UploadForm form = forms.sign(exact(name, content.length));
        assertThat(post(form, content).statusCode()).isEqualTo(200);
    }

    private HttpResponse<byte[]> post(UploadForm form, byte[] content) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(form.url()))
                        .header("Content-Type", MultipartBody.CONTENT_TYPE)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(MultipartBody.of(form.fields())
                                .file("a.jpg", "image/jpeg", content)
                                .close()))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static UploadFormRequest exact(String name, long size) {
        return new UploadFormRequest(
                FAMILY,
                new KeyCondition.Exact(new ObjectKey("families/f1/objects/00/" + name)),
                SizeRange.exactly(ByteSize.ofBytes(size)),
                Set.of("image/jpeg"),
                Duration.ofMinutes(10));
    }

    /** Live threads but this test's own clients. */
    private static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> !n.startsWith("abuse-client-") && !n.startsWith("legit-") && !n.startsWith("HttpClient-"))
                .count();
    }

    private static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .count();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static java.util.concurrent.ThreadFactory namedThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static String status(String answer) {
        return match(STATUS, answer);
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : "<none>";
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random().nextBytes(bytes);
        return bytes;
    }
}
