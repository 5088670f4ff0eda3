package dev.directupload.adapter.localstorage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.adapter.localstorage.signing.PresignedGet;
import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.PresignDownloadPort;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import io.micronaut.runtime.server.EmbeddedServer;
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
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Presigned GET and HEAD over real HTTP: byte ranges as OSS serves them, nosniff, and only allowed types served. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PresignedGetHttpTest implements TestPropertyProvider {

    private static final FamilyId FAMILY = new FamilyId("f1");

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    EmbeddedServer server;

    @Inject
    SignUploadFormPort forms;

    @Inject
    InspectObjectPort inspect;

    @Inject
    PresignDownloadPort downloads;

    @Inject
    PresignedGet presigned;

    @Override
    public Map<String, String> getProperties() {
        try {
            return Map.of(
                    "local-storage.root",
                    Files.createTempDirectory("local-oss-get")
                            .resolve("objects")
                            .toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void videoProbe_bytes0to1_is206WithContentRange_asIosPlaybackAsks() throws Exception {
        byte[] video = random(3 * 1024 * 1024 + 5);
        ObjectKey key = upload("families/f1/objects/00/clip.mp4", "video/mp4", video);

        HttpResponse<byte[]> probe = get(key, "bytes=0-1");

        assertThat(probe.statusCode()).isEqualTo(206);
        assertThat(probe.body()).containsExactly(video[0], video[1]);
        assertThat(probe.headers().firstValue("Content-Range")).contains("bytes 0-1/" + video.length);
        assertThat(probe.headers().firstValueAsLong("Content-Length")).hasValue(2);
        assertThat(probe.headers().firstValue("Content-Type")).contains("video/mp4");
        assertThat(probe.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(probe.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void middleAndSuffixAndOpenRanges_serveExactlyThoseBytes() throws Exception {
        byte[] video = random(1_000_000);
        ObjectKey key = upload("families/f1/objects/00/middle.mp4", "video/mp4", video);

        HttpResponse<byte[]> middle = get(key, "bytes=123456-654320");
        HttpResponse<byte[]> suffix = get(key, "bytes=-1000");
        HttpResponse<byte[]> open = get(key, "bytes=999000-");
        HttpResponse<byte[]> pastTheEnd = get(key, "bytes=999990-2000000");

        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(video, 123456, 654321));
        assertThat(middle.headers().firstValue("Content-Range")).contains("bytes 123456-654320/1000000");
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(video, 999_000, 1_000_000));
        assertThat(suffix.headers().firstValue("Content-Range")).contains("bytes 999000-999999/1000000");
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(video, 999_000, 1_000_000));
        assertThat(pastTheEnd.statusCode()).isEqualTo(206);
        assertThat(pastTheEnd.body()).isEqualTo(Arrays.copyOfRange(video, 999_990, 1_000_000));
        assertThat(pastTheEnd.headers().firstValue("Content-Range")).contains("bytes 999990-999999/1000000");
    }

    @Test
    void rangeStartingAtTheEnd_is416InvalidRange_withTheSize() throws Exception {
        byte[] content = random(500);
        ObjectKey key = upload("families/f1/objects/00/small.jpg", "image/jpeg", content);

        HttpResponse<byte[]> response = get(key, "bytes=500-");

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(response.headers().firstValue("Content-Range")).contains("bytes */500");
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .contains("<Code>InvalidRange</Code>")
                .doesNotContain(new String(content, StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-9,20-29", "bytes=9-0", "lines=1-2"})
    void notOneByteRange_servesTheWholeObject_asOss(String range) throws Exception {
        byte[] content = random(300);
        ObjectKey key =
                upload("families/f1/objects/00/whole-" + Math.abs(range.hashCode()) + ".jpg", "image/jpeg", content);

        HttpResponse<byte[]> response = get(key, range);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);
        assertThat(response.headers().firstValue("Content-Range")).isEmpty();
    }

    @Test
    void prefixUploadDeclaringTextHtml_isStoredAsDeclared_butServedAsOctetStreamWithNosniff() throws Exception {
        byte[] page = "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);
        UploadForm form = forms.sign(new UploadFormRequest(
                FAMILY,
                new KeyCondition.Prefix(new KeyPrefix("families/f1/incoming/u1/")),
                SizeRange.upTo(ByteSize.ofMegabytes(1)),
                Set.of(),
                Duration.ofMinutes(10)));
        ObjectKey partType = new ObjectKey("families/f1/incoming/u1/1769673600000_0.html");
        ObjectKey fieldType = new ObjectKey("families/f1/incoming/u1/1769673600000_1.jpg");
        Map<String, String> byPart = new LinkedHashMap<>(form.fields());
        byPart.put("key", partType.value());
        Map<String, String> byField = new LinkedHashMap<>(form.fields());
        byField.put("key", fieldType.value());
        byField.put("Content-Type", "text/html; charset=utf-8");

        assertThat(post(form.url(), byPart, "page.html", "text/html", page).statusCode())
                .isEqualTo(200);
        assertThat(post(form.url(), byField, "page.jpg", "image/jpeg", page).statusCode())
                .isEqualTo(200);

        for (ObjectKey key : new ObjectKey[] {partType, fieldType}) {
            // as OSS: stored as the client said, so that the service refuses it when the photo is recorded
            assertThat(inspect.inspect(key).orElseThrow().contentType().orElseThrow())
                    .startsWith("text/html");
            HttpResponse<byte[]> get = get(key, null);
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo(page);
            assertThat(get.headers().firstValue("Content-Type")).contains("application/octet-stream");
            assertThat(get.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            HttpResponse<byte[]> head = head(key);
            assertThat(head.headers().firstValue("Content-Type")).contains("application/octet-stream");
            assertThat(head.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        }
    }

    @Test
    void allowedType_isServedAsItself() throws Exception {
        byte[] content = random(400);
        ObjectKey key = upload("families/f1/objects/00/pic.png", "image/png", content);

        HttpResponse<byte[]> get = get(key, null);
        HttpResponse<byte[]> head = head(key);

        assertThat(get.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(head.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(head.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(400);
    }

    // ---- helpers ----

    private ObjectKey upload(String key, String type, byte[] content) throws Exception {
        ObjectKey objectKey = new ObjectKey(key);
        UploadForm form = forms.sign(new UploadFormRequest(
                FAMILY,
                new KeyCondition.Exact(objectKey),
                SizeRange.exactly(ByteSize.ofBytes(content.length)),
                Set.of(type),
                Duration.ofMinutes(10)));
        HttpResponse<byte[]> response = post(form.url(), form.fields(), "f", type, content);
        assertThat(response.statusCode())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return objectKey;
    }

    private HttpResponse<byte[]> get(ObjectKey key, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        downloads.presign(key, Duration.ofMinutes(10)).url()))
                .GET();
        if (range != null) {
            request.header("Range", range);
        }
        return send(request);
    }

    private HttpResponse<byte[]> head(ObjectKey key) throws Exception {
        String url = presigned
                .sign("HEAD", server.getURL() + "/local-oss/album-local", key, Duration.ofMinutes(10))
                .url();
        return send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<byte[]> post(String url, Map<String, String> fields, String name, String type, byte[] content)
            throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", MultipartBody.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        MultipartBody.of(fields).file(name, type, content).close())));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random().nextBytes(bytes);
        return bytes;
    }
}
