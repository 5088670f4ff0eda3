package dev.directupload.adapter.localstorage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.adapter.localstorage.signing.Vectors;
import dev.directupload.application.harness.MutableClock;
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
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The v1 POST vector posted over HTTP to a server configured with its key, bucket and region, clock at its date. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VectorFormHttpTest implements TestPropertyProvider {

    private final Map<String, Object> v = Vectors.vector("v1-hangzhou-no-token");
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    EmbeddedServer server;

    @Inject
    MutableClock clock;

    @Override
    public Map<String, String> getProperties() {
        try {
            return Map.of(
                    "local-storage.root",
                    Files.createTempDirectory("local-oss-vector").toString(),
                    "local-storage.bucket",
                    (String) v.get("bucket"),
                    "local-storage.region",
                    (String) v.get("region"),
                    "local-storage.access-key-id",
                    (String) v.get("accessKeyId"),
                    "local-storage.access-key-secret",
                    (String) v.get("accessKeySecret"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void atVectorDate() {
        clock.set(Vectors.vectorTime(v));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "key", "policy", "x-oss-credential", "x-oss-date", "x-oss-signature", "success_action_status"
            })
    void vectorForm_isAccepted_andAnyChangedFieldIsRefused(String changedField) throws Exception {
        Map<String, String> form = new LinkedHashMap<>(Vectors.form(v));
        if (!changedField.isEmpty()) {
            String value = form.get(changedField);
            form.put(
                    changedField,
                    changedField.equals("key")
                            ? "other/" + value
                            : changedField.equals("success_action_status")
                                    ? "204"
                                    : value.substring(0, value.length() - 3)
                                            + (value.charAt(value.length() - 3) == '1' ? '2' : '1')
                                            + value.substring(value.length() - 2));
        }
        byte[] body = MultipartBody.of(form)
                .file("photo.jpg", "image/jpeg", "vector bytes".getBytes(StandardCharsets.UTF_8))
                .close();

        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/local-oss/" + v.get("bucket")))
                        .header("Content-Type", MultipartBody.CONTENT_TYPE)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        if (changedField.isEmpty()) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("ETag")).isPresent();
        } else {
            assertThat(response.statusCode()).as(response.body()).isIn(400, 403);
            assertThat(response.body()).contains("<Error>");
        }
    }
}
