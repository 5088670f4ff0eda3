package dev.directupload.bootstrap.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.adapter.localstorage.callback.CallbackKey;
import dev.directupload.bootstrap.support.Api;
import dev.directupload.bootstrap.support.Api.Answer;
import dev.directupload.bootstrap.support.CallbackRelay;
import dev.directupload.bootstrap.support.Multipart;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The upload callback end to end on the embedded store over HTTP, with {@code oss.callback.url} set: the store calls
 * {@code POST /oss/callback} through a {@link CallbackRelay} (which passes callbacks on unchanged, or holds them to
 * deliver later, as they are or altered). A photo is recorded without the phone calling {@code complete};
 * callback, complete and replays answer one photo; refused callbacks record nothing.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalStoreCallbackFlowTest implements TestPropertyProvider {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");

    private final CallbackRelay relay = new CallbackRelay();

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    DataSource dataSource;

    @Inject
    EmbeddedServer server;

    @Inject
    CallbackKey storeKey;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("oss.callback.url", relay.url("/oss/callback"));
    }

    @BeforeEach
    void relayToTheService() {
        relay.target(server.getURL().toString());
        relay.hold(false);
        relay.clear();
    }

    @AfterAll
    void closeRelay() {
        relay.close();
    }

    private Api api() {
        return new Api(client.toBlocking());
    }

    /** A logged-in user's token, family and album. */
    private record Family(String token, String userId, String familyId, String albumId) {}

    private Family family(String user) {
        Api api = api();
        String[] login = api.loginUser(user);
        String familyId = api.post("/families", Map.of("name", user + " family"), login[0])
                .text("id");
        String albumId = api.post("/families/" + familyId + "/albums", Map.of("name", "A"), login[0])
                .text("id");
        return new Family(login[0], login[1], familyId, albumId);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> prepare(Family f, byte[] photo) {
        Answer answer = api().post(
                        "/uploads",
                        Map.of(
                                "family_id",
                                f.familyId(),
                                "album_id",
                                f.albumId(),
                                "files",
                                List.of(Map.of(
                                        "client_ref",
                                        "0",
                                        "name",
                                        "IMG_1.jpg",
                                        "size",
                                        photo.length,
                                        "type",
                                        "image/jpeg",
                                        "md5",
                                        Multipart.md5(photo)))),
                        f.token());
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
        Map<String, Object> item = ((List<Map<String, Object>>) answer.body().get("items")).get(0);
        assertThat(item).containsEntry("status", "upload");
        return item;
    }

    @SuppressWarnings("unchecked")
    private static Multipart.StorageAnswer upload(Map<String, Object> item, byte[] photo) {
        return Multipart.post(
                item.get("url").toString(), (Map<String, Object>) item.get("fields"), "IMG_1.jpg", photo, "image/jpeg");
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private long count(String sql, Object... args) throws Exception {
        try (var connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String slotStatus(Object uploadId) throws Exception {
        try (var connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                var statement = connection.prepareStatement("select status from upload_slots where id = ?")) {
            statement.setObject(1, uploadId);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void assertNothingRecorded(Family f, Object uploadId) throws Exception {
        assertThat(count("select count(*) from media_files where family_id = ?", f.familyId()))
                .isZero();
        assertThat(count("select count(*) from stored_objects where family_id = ?", f.familyId()))
                .isZero();
        assertThat(slotStatus(uploadId)).isEqualTo("PENDING");
    }

    private static String code(String xml) {
        Matcher m = CODE.matcher(xml);
        return m.find() ? m.group(1) : "<no code>";
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> listed(Family f) {
        return (List<Map<String, Object>>) api().get("/albums/" + f.albumId() + "/photos", f.token())
                .body()
                .get("items");
    }

    @Test
    @SuppressWarnings("unchecked")
    void uploadWithoutCallingComplete_thePhotoIsListedWithinASecond() throws Exception {
        Family f = family("cb-listed");
        byte[] photo = randomBytes(120_000);
        Map<String, Object> item = prepare(f, photo);
        Map<String, Object> fields = (Map<String, Object>) item.get("fields");
        assertThat(fields).containsEntry("x:upload_id", item.get("upload_id")).containsKey("callback");

        Multipart.StorageAnswer stored = upload(item, photo);
        long answeredAt = System.nanoTime();

        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        Map<String, Object> relayed = json.readValue(stored.body(), Map.class);
        assertThat(relayed)
                .containsEntry("album_id", f.albumId())
                .containsEntry("md5", Multipart.md5(photo))
                .containsEntry("creator_id", f.userId())
                .containsKey("url");
        List<Map<String, Object>> photos = listed(f);
        while (photos.isEmpty() && System.nanoTime() - answeredAt < 1_000_000_000L) {
            Thread.sleep(20);
            photos = listed(f);
        }
        assertThat(System.nanoTime() - answeredAt).isLessThan(1_000_000_000L);
        assertThat(photos)
                .singleElement()
                .satisfies(p -> assertThat(p.get("id")).isEqualTo(relayed.get("id")));
        assertThat(slotStatus(item.get("upload_id"))).isEqualTo("COMPLETED");
        assertThat(Multipart.get(photos.get(0).get("url").toString()).body()).isEqualTo(photo);
    }

    @Test
    @SuppressWarnings("unchecked")
    void callbackThenComplete_answerOnePhoto() throws Exception {
        Family f = family("cb-then-complete");
        byte[] photo = randomBytes(40_000);
        Map<String, Object> item = prepare(f, photo);

        Multipart.StorageAnswer stored = upload(item, photo);
        Answer completed = api().post("/uploads/" + item.get("upload_id") + "/complete", Map.of(), f.token());

        assertThat(stored.status()).isEqualTo(200);
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.text("id"))
                .isEqualTo(json.readValue(stored.body(), Map.class).get("id"));
        assertThat(count("select count(*) from media_files where family_id = ?", f.familyId()))
                .isEqualTo(1);
        assertThat(count("select count(*) from stored_objects where family_id = ?", f.familyId()))
                .isEqualTo(1);
    }

    @Test
    void completeThenCallback_answerOnePhoto_andACallbackThatFailed_leavesTheObjectForComplete() throws Exception {
        Family f = family("cb-after-complete");
        byte[] photo = randomBytes(40_000);
        Map<String, Object> item = prepare(f, photo);
        relay.hold(true);

        Multipart.StorageAnswer stored = upload(item, photo);

        // the callback did not get through: the object is stored, the phone is told 203 CallbackFailed
        assertThat(stored.status()).as(stored.body()).isEqualTo(203);
        assertThat(code(stored.body())).isEqualTo("CallbackFailed");
        assertThat(relay.held()).hasSize(1);
        assertNothingRecorded(f, item.get("upload_id"));

        Answer completed = api().post("/uploads/" + item.get("upload_id") + "/complete", Map.of(), f.token());
        CallbackRelay.Answer late = relay.deliver(relay.held().get(0));

        assertThat(completed.status()).isEqualTo(200);
        assertThat(late.status()).as(late.body()).isEqualTo(200);
        assertThat(json.readValue(late.body(), Map.class).get("id")).isEqualTo(completed.text("id"));
        assertThat(count("select count(*) from media_files where family_id = ?", f.familyId()))
                .isEqualTo(1);
        assertThat(slotStatus(item.get("upload_id"))).isEqualTo("COMPLETED");
    }

    @Test
    void unsignedTamperedForeignKeyOrUnknownUploadCallbacks_areRefused_andRecordNothing() throws Exception {
        Family f = family("cb-refused");
        byte[] photo = randomBytes(30_000);
        Map<String, Object> item = prepare(f, photo);
        relay.hold(true);
        assertThat(upload(item, photo).status()).isEqualTo(203);
        CallbackRelay.Callback genuine = relay.held().get(0);
        assertThat(genuine.bodyText()).contains("\"upload_id\":\"" + item.get("upload_id") + "\"");

        CallbackRelay.Answer unsigned =
                relay.deliver(new CallbackRelay.Callback(genuine.pathAndQuery(), null, null, genuine.body()));
        CallbackRelay.Answer tampered = relay.deliver(tampered(genuine));
        CallbackRelay.Answer otherPath = relay.deliver(new CallbackRelay.Callback(
                genuine.pathAndQuery() + "?replayed=1",
                genuine.authorization(),
                genuine.publicKeyUrl(),
                genuine.body()));
        CallbackRelay.Answer httpKeyUrl = relay.deliver(new CallbackRelay.Callback(
                genuine.pathAndQuery(),
                genuine.authorization(),
                base64("http://gosspublic.alicdn.com/callback_pub_key_v1.pem"),
                genuine.body()));
        CallbackRelay.Answer foreignKeyUrl = relay.deliver(new CallbackRelay.Callback(
                genuine.pathAndQuery(),
                genuine.authorization(),
                base64(relay.url("/callback_pub_key_v1.pem")),
                genuine.body()));
        CallbackRelay.Answer unknownUpload = signedWithUploadId(genuine, item, "up_unknown0000");

        for (CallbackRelay.Answer refused : List.of(unsigned, tampered, otherPath, httpKeyUrl, foreignKeyUrl)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(json.readValue(refused.body(), Map.class)).containsEntry("code", "callback_signature_invalid");
        }
        assertThat(unknownUpload.status()).as(unknownUpload.body()).isEqualTo(404);
        assertThat(json.readValue(unknownUpload.body(), Map.class)).containsEntry("code", "upload_not_found");
        assertNothingRecorded(f, item.get("upload_id"));

        // the genuine callback, delivered late, still records the photo: the refusals were the callbacks' fault
        CallbackRelay.Answer late = relay.deliver(genuine);
        assertThat(late.status()).as(late.body()).isEqualTo(200);
        assertThat(count("select count(*) from media_files where family_id = ?", f.familyId()))
                .isEqualTo(1);
    }

    @Test
    void theScrapeCountsEachCallbackByOutcome() throws Exception {
        Family f = family("cb-metrics");
        byte[] photo = randomBytes(20_000);
        Map<String, Object> item = prepare(f, photo);
        relay.hold(true);
        assertThat(upload(item, photo).status()).isEqualTo(203);
        CallbackRelay.Callback genuine = relay.held().get(0);
        Map<String, Double> before = callbackCounts();

        CallbackRelay.Answer recorded = relay.deliver(genuine);
        CallbackRelay.Answer again = relay.deliver(genuine);
        CallbackRelay.Answer tampered = relay.deliver(tampered(genuine));
        CallbackRelay.Answer unknownUpload = signedWithUploadId(genuine, item, "up_unknown0000");
        CallbackRelay.Answer badUploadId = signedWithUploadId(genuine, item, "not an upload id");
        Map<String, Double> after = callbackCounts();

        assertThat(List.of(recorded.status(), again.status(), tampered.status(), unknownUpload.status()))
                .containsExactly(200, 200, 403, 404);
        assertThat(badUploadId.status()).as(badUploadId.body()).isEqualTo(400);
        assertThat(json.readValue(badUploadId.body(), Map.class)).containsEntry("code", "invalid_callback");
        Map<String, Double> counted = new TreeMap<>();
        after.forEach((outcome, value) -> {
            double delta = value - before.getOrDefault(outcome, 0.0);
            if (delta != 0) {
                counted.put(outcome, delta);
            }
        });
        assertThat(counted)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "recorded", 1.0,
                        "already_recorded", 1.0,
                        "refused_signature", 1.0,
                        "refused_unknown_upload", 1.0,
                        "refused_invalid", 1.0));
    }

    /** The genuine callback with one byte of its body changed, its signature kept. */
    private static CallbackRelay.Callback tampered(CallbackRelay.Callback genuine) {
        return new CallbackRelay.Callback(
                genuine.pathAndQuery(),
                genuine.authorization(),
                genuine.publicKeyUrl(),
                genuine.bodyText().replace("image/jpeg", "image/jpeG").getBytes(StandardCharsets.UTF_8));
    }

    /** The genuine callback naming {@code uploadId} instead, signed again with the store's key. */
    private CallbackRelay.Answer signedWithUploadId(
            CallbackRelay.Callback genuine, Map<String, Object> item, String uploadId) {
        byte[] body = genuine.bodyText()
                .replace(item.get("upload_id").toString(), uploadId)
                .getBytes(StandardCharsets.UTF_8);
        return relay.deliver(new CallbackRelay.Callback(
                genuine.pathAndQuery(),
                storeKey.authorization("/oss/callback", null, body),
                storeKey.publicKeyUrlHeader(),
                body));
    }

    private static final Pattern CALLBACK_SAMPLE = Pattern.compile(
            "^directupload_uploads_callbacks_total\\{[^}]*outcome=\"([a-z_]+)\"[^}]*} (\\S+)$", Pattern.MULTILINE);

    /** {@code directupload_uploads_callbacks_total} by outcome, from a scrape of {@code /prometheus}. */
    private Map<String, Double> callbackCounts() {
        String scrape = client.toBlocking().retrieve(HttpRequest.GET("/prometheus"));
        Map<String, Double> counts = new HashMap<>();
        Matcher m = CALLBACK_SAMPLE.matcher(scrape);
        while (m.find()) {
            counts.merge(m.group(1), Double.parseDouble(m.group(2)), Double::sum);
        }
        return counts;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
