package dev.directupload.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.directupload.bootstrap.support.Api;
import dev.directupload.bootstrap.support.Api.Answer;
import dev.directupload.bootstrap.support.Multipart;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * What an operator sees: one full upload flow on the local store, then the Prometheus scrape shows its counters;
 * every answer carries {@code X-Request-Id}, every error body the same {@code request_id}; every log line written
 * while serving carries it; one access-log line per request, without tokens, signatures or secrets.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "test.log-probe", value = "true")
@Property(name = "upload.sweep-enabled", value = "true")
@Property(name = "upload.sweep-interval", value = "1h")
@Property(name = "upload.policy-ttl", value = "3s")
@Property(name = "upload.sweep-grace", value = "0s")
class OperationsTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    SweepJob sweepJob;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeAll
    void captureLogs() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterAll
    void stopCapturing() {
        root.detachAppender(logs);
    }

    private Api api() {
        return new Api(client.toBlocking());
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneFullFlow_thenTheScrapeShowsEveryCounter() throws Exception {
        Api api = api();
        String token = api.login("ops-metrics");
        String family = api.post("/families", Map.of("name", "ops"), token).text("id");
        String albumA = api.post("/families/" + family + "/albums", Map.of("name", "A"), token)
                .text("id");
        String albumB = api.post("/families/" + family + "/albums", Map.of("name", "B"), token)
                .text("id");
        byte[] photo = bytes(40_000);
        byte[] other = bytes(40_000);
        byte[] forged = bytes(20_000);
        byte[] never = bytes(10_000);

        List<Map<String, Object>> items = (List<Map<String, Object>>) api.post(
                        "/uploads",
                        Map.of(
                                "family_id", family,
                                "album_id", albumA,
                                "files",
                                        List.of(
                                                file("0", "a.jpg", photo, "image/jpeg"),
                                                file("1", "b.jpg", other, "image/jpeg"),
                                                file("2", "c.jpg", never, "image/jpeg"),
                                                file("3", "d.exe", forged, "application/x-msdownload"))),
                        token)
                .body()
                .get("items");
        assertThat(items).extracting(i -> i.get("status")).containsExactly("upload", "upload", "upload", "rejected");

        // a: uploaded and completed (verified)
        assertThat(upload(items.get(0), photo).status()).isEqualTo(200);
        assertThat(api.post(completeUri(items.get(0)), Map.of(), token).status())
                .isEqualTo(200);
        // b: other bytes of the declared size (the form cannot tell): verification fails
        assertThat(upload(items.get(1), bytes(40_000)).status()).isEqualTo(200);
        assertThat(api.post(completeUri(items.get(1)), Map.of(), token).text("code"))
                .isEqualTo("upload_verification_failed");
        // c: completed before anything was uploaded
        assertThat(api.post(completeUri(items.get(2)), Map.of(), token).text("code"))
                .isEqualTo("object_not_found");
        // a tampered form is refused by the store
        Map<String, Object> tampered =
                new HashMap<>((Map<String, Object>) items.get(2).get("fields"));
        tampered.put("x-oss-signature", "0".repeat(64));
        assertThat(Multipart.post(items.get(2).get("url").toString(), tampered, "c.jpg", never, "image/jpeg")
                        .status())
                .isEqualTo(403);
        // a second prepare in the family reuses its temporary credentials (an STS cache hit: one prepare takes
        // them once for all of its forms)
        Answer again = api.post(
                "/uploads",
                Map.of(
                        "family_id",
                        family,
                        "album_id",
                        albumB,
                        "files",
                        List.of(file("0", "e.jpg", bytes(12_345), "image/jpeg"))),
                token);
        assertThat(((List<Map<String, Object>>) again.body().get("items"))
                        .get(0)
                        .get("status"))
                .isEqualTo("upload");
        // a again, in album B: 秒传
        Answer instant = api.post(
                "/uploads",
                Map.of(
                        "family_id",
                        family,
                        "album_id",
                        albumB,
                        "files",
                        List.of(file("0", "a.jpg", photo, "image/jpeg"))),
                token);
        assertThat(((List<Map<String, Object>>) instant.body().get("items"))
                        .get(0)
                        .get("status"))
                .isEqualTo("instant");
        // c's form expires (3 s) and the sweeper expires its slot
        Thread.sleep(3_500);
        sweepJob.sweep();

        String scrape = client.toBlocking().retrieve(HttpRequest.GET("/prometheus"));
        assertThat(value(scrape, "directupload_uploads_prepared_total", "outcome=\"upload\""))
                .isGreaterThanOrEqualTo(3);
        assertThat(value(scrape, "directupload_uploads_prepared_total", "outcome=\"instant\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "directupload_uploads_prepared_total", "code=\"type_not_allowed\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "directupload_uploads_completed_total", "outcome=\"verified\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "directupload_uploads_completed_total", "outcome=\"verification_failed\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "directupload_uploads_completed_total", "outcome=\"object_not_found\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "directupload_sts_assume_role_total", "provider=\"local\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "directupload_sts_cache_hits_total", "provider=\"local\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "directupload_policy_signing_seconds_count", ""))
                .isGreaterThanOrEqualTo(4);
        assertThat(value(scrape, "directupload_sweeper_actions_total", "kind=\"expired\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "directupload_localstore_written_bytes_total", ""))
                .isGreaterThanOrEqualTo(80_000);
        assertThat(value(scrape, "directupload_localstore_uploads_refused_total", "code=\"SignatureDoesNotMatch\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scrape, "http_server_requests_seconds_count", "uri=\"/uploads/{uploadId}/complete\""))
                .isGreaterThanOrEqualTo(3);
        // directupload_uploads_callbacks_total needs oss.callback.url: LocalStoreCallbackFlowTest scrapes it
    }

    @Test
    void requestIds_keptWhenWellFormed_elseGenerated_andInEveryErrorBody() {
        Api api = api();
        Answer kept = api.call(HttpRequest.GET("/health").header("X-Request-Id", "lb-1234.abc_9:x"), null);
        assertThat(kept.header("X-Request-Id")).isEqualTo("lb-1234.abc_9:x");
        for (String bad : List.of("has space", "x".repeat(65), "semi;colon", "")) {
            Answer replaced = api.call(HttpRequest.GET("/health").header("X-Request-Id", bad), null);
            assertThat(replaced.header("X-Request-Id")).as(bad).matches(UUID);
        }
        assertThat(api.get("/health", null).header("X-Request-Id")).matches(UUID);
        Answer readiness = api.get("/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body()).containsEntry("status", "UP");

        String token = api.login("ops-errors");
        String family = api.post("/families", Map.of("name", "ops"), token).text("id");
        String album = api.post("/families/" + family + "/albums", Map.of("name", "A"), token)
                .text("id");
        List<Answer> errors = List.of(
                api.get("/no/such/route", null),
                api.get("/families", null),
                api.get("/families", "not-a-token"),
                api.postRaw("/families", "{not json", token),
                api.call(HttpRequest.DELETE("/health"), null),
                api.get("/albums/a_nothere/photos", token),
                api.postRaw("/families", "{\"name\":\"" + "x".repeat(1_100_000) + "\"}", token),
                api.post(
                        "/photos",
                        Map.of(
                                "data",
                                List.of(Map.of(
                                        "album_id",
                                        album,
                                        "family_id",
                                        family,
                                        "file_name",
                                        "x.jpg",
                                        "file_path",
                                        "families/elsewhere/x.jpg",
                                        "file_type",
                                        "image",
                                        "file_size",
                                        1,
                                        "upload_time",
                                        1,
                                        "hash_value",
                                        "0123456789abcdef0123456789abcdef"))),
                        token));
        assertThat(errors).extracting(Answer::status).containsExactly(404, 401, 401, 400, 405, 404, 413, 422);
        for (Answer error : errors) {
            assertThat(error.body()).as("%s", error.body()).containsKeys("code", "message");
            assertThat(error.text("request_id"))
                    .as("%s", error.body())
                    .isNotBlank()
                    .isEqualTo(error.header("X-Request-Id"));
        }
        Answer tagged = api.call(HttpRequest.GET("/no/such/route").header("X-Request-Id", "client-7"), null);
        assertThat(tagged.text("request_id")).isEqualTo("client-7");
    }

    @Test
    @SuppressWarnings("unchecked")
    void logLinesCarryTheRequestId_oneAccessLinePerRequest_withoutSecrets() {
        Api api = api();
        String[] login = api.loginUser("ops-logs");
        String token = login[0];
        String family = api.post("/families", Map.of("name", "ops"), token).text("id");
        String album = api.post("/families/" + family + "/albums", Map.of("name", "A"), token)
                .text("id");
        byte[] photo = bytes(5_000);
        Map<String, Object> item = ((List<Map<String, Object>>) api.post(
                                "/uploads",
                                Map.of(
                                        "family_id",
                                        family,
                                        "album_id",
                                        album,
                                        "files",
                                        List.of(file("0", "p.jpg", photo, "image/jpeg"))),
                                token)
                        .body()
                        .get("items"))
                .get(0);
        Map<String, Object> fields = (Map<String, Object>) item.get("fields");
        Multipart.StorageAnswer stored = upload(item, photo);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.response().headers().firstValue("x-oss-request-id"))
                .isEqualTo(stored.response().headers().firstValue("X-Request-Id"));
        Answer complete = api.post(completeUri(item), Map.of(), token);
        String url = complete.text("url");
        assertThat(Multipart.get(url).statusCode()).isEqualTo(200);

        List<String> ids = new ArrayList<>();
        ids.add(api.get("/log-probe/event-loop", null).header("X-Request-Id"));
        ids.add(api.get("/log-probe/blocking", null).header("X-Request-Id"));
        ids.add(complete.header("X-Request-Id"));
        ids.add(stored.response().headers().firstValue("X-Request-Id").orElseThrow());

        List<ILoggingEvent> events = List.copyOf(logs.list);
        for (String probe : List.of("probe on the event loop", "probe on a blocking thread")) {
            assertThat(events)
                    .filteredOn(e -> e.getFormattedMessage().equals(probe))
                    .singleElement()
                    .satisfies(e ->
                            assertThat(e.getMDCPropertyMap().get("request_id")).isIn(ids.get(0), ids.get(1)));
        }
        for (String id : ids) {
            assertThat(accessLines(events, id))
                    .as("access lines of request " + id)
                    .hasSize(1);
        }
        assertThat(accessLines(events, ids.get(2)).get(0).getFormattedMessage())
                .matches("POST /uploads/\\{uploadId}/complete 200 \\d+ms user=" + login[1]);
        assertThat(accessLines(events, ids.get(3)).get(0).getFormattedMessage())
                .matches("POST /local-oss/\\{bucket} 200 \\d+ms user=-");
        assertThat(events)
                .filteredOn(e -> e.getLoggerName().equals("dev.directupload.access"))
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).startsWith("GET /local-oss/{bucket}/{+key} 200"));

        List<String> secrets =
                new ArrayList<>(List.of(token, fields.get("x-oss-signature").toString()));
        secrets.add(fields.get("x-oss-security-token").toString());
        secrets.add(fields.get("policy").toString());
        Matcher signature = Pattern.compile("x-oss-signature=([0-9a-f]+)").matcher(url);
        assertThat(signature.find()).isTrue();
        secrets.add(signature.group(1));
        for (ILoggingEvent event : events) {
            String line = event.getFormattedMessage() + " " + event.getMDCPropertyMap();
            for (String secret : secrets) {
                assertThat(line).doesNotContain(secret);
            }
        }
    }

    @Test
    void everyHealthProbe_getsItsAccessLine() {
        Api api = api();
        Answer health = api.call(HttpRequest.GET("/health").header("X-Request-Id", "probe-live-1"), null);
        Answer readiness = api.call(HttpRequest.GET("/health/readiness").header("X-Request-Id", "probe-ready-1"), null);
        assertThat(List.of(health.status(), readiness.status())).containsExactly(200, 200);

        List<ILoggingEvent> events = List.copyOf(logs.list);
        assertThat(accessLines(events, "probe-live-1"))
                .singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).startsWith("GET /health 200"));
        assertThat(accessLines(events, "probe-ready-1"))
                .singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).startsWith("GET /health/{type} 200"));
    }

    private static List<ILoggingEvent> accessLines(List<ILoggingEvent> events, String id) {
        return events.stream()
                .filter(e -> e.getLoggerName().equals("dev.directupload.access"))
                .filter(e -> id.equals(e.getMDCPropertyMap().get("request_id")))
                .toList();
    }

    /** The sum of the samples of {@code metric} whose labels contain {@code label}. */
    static double value(String scrape, String metric, String label) {
        double sum = 0;
        boolean found = false;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                String labels = line.contains("{") ? line.substring(line.indexOf('{'), line.lastIndexOf('}')) : "";
                if (labels.contains(label)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    found = true;
                }
            }
        }
        assertThat(found).as(metric + " " + label + " in the scrape").isTrue();
        return sum;
    }

    private static String completeUri(Map<String, Object> item) {
        return "/uploads/" + item.get("upload_id") + "/complete";
    }

    @SuppressWarnings("unchecked")
    private static Multipart.StorageAnswer upload(Map<String, Object> item, byte[] bytes) {
        return Multipart.post(
                item.get("url").toString(), (Map<String, Object>) item.get("fields"), "f.jpg", bytes, "image/jpeg");
    }

    private static Map<String, Object> file(String ref, String name, byte[] bytes, String type) {
        return Map.of("client_ref", ref, "name", name, "size", bytes.length, "type", type, "md5", Multipart.md5(bytes));
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
