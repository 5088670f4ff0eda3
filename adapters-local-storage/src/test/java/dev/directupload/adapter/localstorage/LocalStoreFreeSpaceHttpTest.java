package dev.directupload.adapter.localstorage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.adapter.localstorage.disk.FreeSpace;
import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.storage.ObjectKey;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A store short of disk space over real HTTP ({@code local-storage.min-free-bytes} 1 MiB, the file system's free space
 * played by the test): uploads that would take it below the minimum are refused before and while they stream, a failed
 * disk write is a 5xx, and nothing of a refused upload is kept.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalStoreFreeSpaceHttpTest implements TestPropertyProvider {

    private static final long MIN_FREE = 1024 * 1024;
    private static final long PLENTY = 1L << 40;
    private static final FamilyId FAMILY = new FamilyId("f1");
    private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger reads = new AtomicInteger();
    /** The free space the store sees at its n-th look (1-based). */
    private volatile IntToLongFunction free = n -> PLENTY;

    private Path root;

    @Inject
    SignUploadFormPort forms;

    @Inject
    InspectObjectPort inspect;

    @Inject
    LocalStorageProperties properties;

    @MockBean(FreeSpace.UsableSpace.class)
    FreeSpace.UsableSpace usableSpace() {
        return () -> free.applyAsLong(reads.incrementAndGet());
    }

    @Override
    public Map<String, String> getProperties() {
        try {
            root = Files.createTempDirectory("local-oss-space").resolve("objects");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("local-storage.root", root.toString(), "local-storage.min-free-bytes", "1MB");
    }

    @AfterEach
    void plentyAgain() throws IOException {
        free = n -> PLENTY;
        Path tmp = root.resolve(".tmp");
        if (Files.isRegularFile(tmp)) {
            Files.delete(tmp);
            Files.createDirectory(tmp);
        }
    }

    @Test
    void minFreeBytes_isReadAsReadableBytes() {
        assertThat(properties.minFreeBytes()).isEqualTo(MIN_FREE);
        assertThat(properties.maxConcurrentUploads()).isEqualTo(64);
    }

    @Test
    void uploadThatWouldLeaveLessThanTheMinimum_is503InsufficientStorage_andOneThatFitsExactlyIsStored()
            throws Exception {
        byte[] content = random(1000);
        UploadForm tooBig = forms.sign(exact("a.jpg", content.length));
        UploadForm fits = forms.sign(exact("b.jpg", content.length));
        Set<Path> before = files();

        free = n -> MIN_FREE + 999;
        HttpResponse<byte[]> refused = post(tooBig, content);
        free = n -> MIN_FREE + 1000;
        HttpResponse<byte[]> stored = post(fits, content);

        assertThat(refused.statusCode()).as(body(refused)).isEqualTo(503);
        assertThat(code(refused)).isEqualTo("InsufficientStorage");
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/xml"));
        assertThat(inspect.inspect(key(tooBig))).isEmpty();
        assertThat(stored.statusCode()).as(body(stored)).isEqualTo(200);
        assertThat(inspect.inspect(key(fits))).isPresent();
        assertThat(files()).hasSize(before.size() + 2); // the one stored object: its data and its metadata
    }

    @Test
    void spaceRunningOutWhileTheFileStreams_stopsIt_503_andNothingPartialIsKept() throws Exception {
        byte[] content = random(3 * 1024 * 1024);
        UploadForm form = forms.sign(exact("c.jpg", content.length));
        Set<Path> before = files();
        int start = reads.get();
        // the check before the first byte passes; a megabyte in, the disk is nearly full
        free = n -> n - start <= 2 ? PLENTY : MIN_FREE + 1024;

        HttpResponse<byte[]> response = post(form, content);

        assertThat(response.statusCode()).as(body(response)).isEqualTo(503);
        assertThat(code(response)).isEqualTo("InsufficientStorage");
        assertThat(reads.get() - start).as("looked again while streaming").isGreaterThanOrEqualTo(3);
        assertThat(inspect.inspect(key(form))).isEmpty();
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void failingDiskWithRoomLeft_is500InternalError_neverA400() throws Exception {
        byte[] content = random(2000);
        UploadForm form = forms.sign(exact("d.jpg", content.length));
        breakTheTemporaryDirectory();

        HttpResponse<byte[]> response = post(form, content);

        assertThat(response.statusCode()).as(body(response)).isEqualTo(500);
        assertThat(code(response)).isEqualTo("InternalError");
        assertThat(body(response)).doesNotContain(root.toString());
        assertThat(inspect.inspect(key(form))).isEmpty();
    }

    @Test
    void failingDiskWhenItIsFull_is503InsufficientStorage_neverA400() throws Exception {
        byte[] content = random(2000);
        UploadForm form = forms.sign(exact("e.jpg", content.length));
        breakTheTemporaryDirectory();
        int start = reads.get();
        // room when the upload starts; none once the write has failed (as after ENOSPC)
        free = n -> n - start <= 1 ? PLENTY : 0;

        HttpResponse<byte[]> response = post(form, content);

        assertThat(response.statusCode()).as(body(response)).isEqualTo(503);
        assertThat(code(response)).isEqualTo("InsufficientStorage");
        assertThat(inspect.inspect(key(form))).isEmpty();
    }

    /** The store's temporary directory becomes a plain file: creating an upload's temporary file fails. */
    private void breakTheTemporaryDirectory() throws IOException {
        Path tmp = root.resolve(".tmp");
        try (Stream<Path> leftovers = Files.list(tmp)) {
            for (Path p : leftovers.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(tmp);
        Files.writeString(tmp, "not a directory");
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
