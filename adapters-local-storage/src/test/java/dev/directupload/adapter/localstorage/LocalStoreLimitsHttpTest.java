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
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What an anonymous PostObject may cost, over real HTTP with {@code local-storage.max-concurrent-uploads} 2: the fields
 * before the file total at most 64 KiB, and a request beyond the slots is refused at once with 503 {@code SlowDown}.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalStoreLimitsHttpTest implements TestPropertyProvider {

    private static final FamilyId FAMILY = new FamilyId("f1");
    private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");

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
            root = Files.createTempDirectory("local-oss-limits").resolve("objects");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("local-storage.root", root.toString(), "local-storage.max-concurrent-uploads", "2");
    }

    @Test
    void oneFieldOver64KiB_isMaxPostPreDataLengthExceeded_andNothingIsStored() throws Exception {
        byte[] content = random(100);
        UploadForm form = forms.sign(exact("a.jpg", content.length));
        Map<String, String> fields = new LinkedHashMap<>(form.fields());
        fields.put("x:pad", "p".repeat(64 * 1024));
        Set<Path> before = files();

        HttpResponse<byte[]> response = post(fields, content);

        assertThat(response.statusCode()).as(body(response)).isEqualTo(400);
        assertThat(code(response)).isEqualTo("MaxPOSTPreDataLengthExceededError");
        assertThat(inspect.inspect(key(form))).isEmpty();
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void fieldsUnder64KiBEachButOverItTogether_areMaxPostPreDataLengthExceeded() throws Exception {
        byte[] content = random(100);
        UploadForm form = forms.sign(exact("b.jpg", content.length));
        Map<String, String> fields = new LinkedHashMap<>(form.fields());
        for (int i = 0; i < 3; i++) {
            fields.put("x:pad" + i, "p".repeat(25 * 1024));
        }

        HttpResponse<byte[]> response = post(fields, content);

        assertThat(response.statusCode()).as(body(response)).isEqualTo(400);
        assertThat(code(response)).isEqualTo("MaxPOSTPreDataLengthExceededError");
        assertThat(inspect.inspect(key(form))).isEmpty();
    }

    @Test
    void fieldsJustUnder64KiBTogether_areAccepted() throws Exception {
        byte[] content = random(100);
        UploadForm form = forms.sign(exact("c.jpg", content.length));
        Map<String, String> fields = new LinkedHashMap<>(form.fields());
        fields.put("x:pad", "");
        int preFile = MultipartBody.of(fields)
                .file("a.jpg", "image/jpeg", new byte[0])
                .open()
                .length;
        fields.put("x:pad", "p".repeat(64 * 1024 - preFile - 2)); // up to the file's own bytes, 64 KiB less 2

        HttpResponse<byte[]> response = post(fields, content);

        assertThat(response.statusCode()).as(body(response)).isEqualTo(200);
        assertThat(inspect.inspect(key(form))).isPresent();
    }

    @Test
    void requestBeyondTheSlots_isRefusedAtOnceWith503SlowDown_andServedOnceASlotIsFree() throws Exception {
        byte[] content = random(100);
        UploadForm form = forms.sign(exact("d.jpg", content.length));
        List<Socket> holders = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                holders.add(startAndStall());
            }
            Thread.sleep(500); // both requests have reached the store and hold its two slots

            long startedAt = System.nanoTime();
            HttpResponse<byte[]> refused = post(form.fields(), content);
            Duration took = Duration.ofNanos(System.nanoTime() - startedAt);

            assertThat(refused.statusCode()).as(body(refused)).isEqualTo(503);
            assertThat(code(refused)).isEqualTo("SlowDown");
            assertThat(took).as("refused, not queued").isLessThan(Duration.ofSeconds(5));
            assertThat(inspect.inspect(key(form))).isEmpty();
        } finally {
            for (Socket holder : holders) {
                holder.close();
            }
        }
        HttpResponse<byte[]> served = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            served = post(form.fields(), content);
            if (served.statusCode() != 503) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(served.statusCode()).as(body(served)).isEqualTo(200);
        assertThat(inspect.inspect(key(form))).isPresent();
    }

    /** A PostObject that sends its headers and a field's start, then nothing. */
    private Socket startAndStall() throws IOException {
        Socket socket = new Socket(server.getHost(), server.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /local-oss/album-local HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                        + MultipartBody.CONTENT_TYPE + "\r\nContent-Length: 100000\r\n\r\n--" + MultipartBody.BOUNDARY
                        + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nfamilies/")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static UploadFormRequest exact(String name, long size) {
        return new UploadFormRequest(
                FAMILY,
                new KeyCondition.Exact(new ObjectKey("families/f1/objects/00/" + name)),
                SizeRange.exactly(ByteSize.ofBytes(size)),
                Set.of("image/jpeg"),
                Duration.ofMinutes(10));
    }

    private static ObjectKey key(UploadForm form) {
        return new ObjectKey(form.fields().get("key"));
    }

    private HttpResponse<byte[]> post(Map<String, String> fields, byte[] content) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/local-oss/album-local"))
                        .header("Content-Type", MultipartBody.CONTENT_TYPE)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(MultipartBody.of(fields)
                                .file("a.jpg", "image/jpeg", content)
                                .close()))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private Set<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).collect(Collectors.toSet());
        }
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String code(HttpResponse<byte[]> response) {
        Matcher m = CODE.matcher(body(response));
        return m.find() ? m.group(1) : "<no error code>";
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random().nextBytes(bytes);
        return bytes;
    }
}
