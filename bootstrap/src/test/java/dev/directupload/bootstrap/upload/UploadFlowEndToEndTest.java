package dev.directupload.bootstrap.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.bootstrap.support.Api;
import dev.directupload.bootstrap.support.Api.Answer;
import dev.directupload.bootstrap.support.Multipart;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The whole flow over HTTP, with real multipart uploads to the embedded OSS-compatible store. */
@MicronautTest(transactional = false)
class UploadFlowEndToEndTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    DataSource dataSource;

    private Api api() {
        return new Api(client.toBlocking());
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static Map<String, Object> file(String ref, String name, byte[] bytes, String type) {
        return Map.of("client_ref", ref, "name", name, "size", bytes.length, "type", type, "md5", Multipart.md5(bytes));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Answer answer) {
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
        return (List<Map<String, Object>>) answer.body().get("items");
    }

    @SuppressWarnings("unchecked")
    static Multipart.StorageAnswer upload(Map<String, Object> item, byte[] bytes, String type) {
        return Multipart.post(item.get("url").toString(), (Map<String, Object>) item.get("fields"), "f", bytes, type);
    }

    long count(String sql, Object... args) throws Exception {
        try (var connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A logged-in user with a family and two albums. */
    record Family(String token, String userId, String familyId, String albumA, String albumB) {
    }

    Family family(String user) {
        Api api = api();
        String[] login = api.loginUser(user);
        String familyId = api.post("/families", Map.of("name", user + " family"), login[0]).text("id");
        String a = api.post("/families/" + familyId + "/albums", Map.of("name", "A"), login[0]).text("id");
        String b = api.post("/families/" + familyId + "/albums", Map.of("name", "B"), login[0]).text("id");
        return new Family(login[0], login[1], familyId, a, b);
    }

    @Test
    @SuppressWarnings("unchecked")
    void prepareUploadCompleteList_thenInstantInAnotherAlbum_andNoCrossFamilyDedupe() throws Exception {
        Api api = api();
        Family wang = family("e2e-wang");
        byte[] photo = randomBytes(300_000);

        Map<String, Object> slot = items(api.post("/uploads", Map.of("family_id", wang.familyId(), "album_id",
                wang.albumA(), "files", List.of(file("0", "IMG_0001.jpg", photo, "image/jpeg"))), wang.token())).get(0);
        assertThat(slot).containsEntry("status", "upload").containsKeys("upload_id", "url", "fields", "expires_at");
        Map<String, Object> fields = (Map<String, Object>) slot.get("fields");
        assertThat(fields.get("key").toString()).isEqualTo("families/" + wang.familyId() + "/objects/"
                + Multipart.md5(photo).substring(0, 2) + "/" + Multipart.md5(photo) + ".jpg");
        assertThat(fields).containsEntry("x-oss-signature-version", "OSS4-HMAC-SHA256")
                .containsEntry("success_action_status", "200").containsEntry("Content-Type", "image/jpeg");

        Multipart.StorageAnswer stored = upload(slot, photo, "image/jpeg");
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(stored.response().headers().firstValue("ETag")).contains("\"" + Multipart.md5(photo).toUpperCase() + "\"");

        Answer completed = api.post("/uploads/" + slot.get("upload_id") + "/complete", Map.of(), wang.token());
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.body()).containsEntry("md5", Multipart.md5(photo)).containsEntry("size", 300_000)
                .containsEntry("type", "image").containsEntry("album_id", wang.albumA())
                .containsEntry("creator_id", wang.userId());
        Answer again = api.post("/uploads/" + slot.get("upload_id") + "/complete", Map.of(), wang.token());
        assertThat(again.text("id")).isEqualTo(completed.text("id"));

        List<Map<String, Object>> listed = (List<Map<String, Object>>) api.get("/albums/" + wang.albumA() + "/photos",
                wang.token()).body().get("items");
        assertThat(listed).singleElement().satisfies(p -> assertThat(p.get("id")).isEqualTo(completed.text("id")));
        var download = Multipart.get(listed.get(0).get("url").toString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(photo);

        Map<String, Object> instant = items(api.post("/uploads", Map.of("family_id", wang.familyId(), "album_id",
                wang.albumB(), "files", List.of(file("x", "copy.jpg", photo, "image/jpeg"))), wang.token())).get(0);
        assertThat(instant).containsEntry("status", "instant").doesNotContainKey("url");
        assertThat((Map<String, Object>) instant.get("photo")).containsEntry("album_id", wang.albumB());
        assertThat(count("select count(*) from upload_slots where family_id = ?", wang.familyId())).isEqualTo(1);

        Family li = family("e2e-li");
        Map<String, Object> foreign = items(api.post("/uploads", Map.of("family_id", li.familyId(), "album_id",
                li.albumA(), "files", List.of(file("0", "same.jpg", photo, "image/jpeg"))), li.token())).get(0);
        assertThat(foreign).containsEntry("status", "upload");
        assertThat(((Map<String, Object>) foreign.get("fields")).get("key").toString())
                .startsWith("families/" + li.familyId() + "/");
    }

    @Test
    void completeBeforeUpload_is409Retryable_andWrongBytes_areRejectedAndDeleted() throws Exception {
        Api api = api();
        Family f = family("e2e-verify");
        byte[] declared = randomBytes(10_000);
        byte[] other = randomBytes(10_000);

        Map<String, Object> slot = items(api.post("/uploads", Map.of("family_id", f.familyId(), "album_id", f.albumA(),
                "files", List.of(file("0", "a.png", declared, "image/png"))), f.token())).get(0);
        Answer early = api.post("/uploads/" + slot.get("upload_id") + "/complete", Map.of(), f.token());
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.text("code")).isEqualTo("object_not_found");

        assertThat(upload(slot, other, "image/png").status()).isEqualTo(200);
        Answer failed = api.post("/uploads/" + slot.get("upload_id") + "/complete", Map.of(), f.token());

        assertThat(failed.status()).isEqualTo(409);
        assertThat(failed.text("code")).isEqualTo("upload_verification_failed");
        assertThat(count("select count(*) from media_files where family_id = ?", f.familyId())).isZero();
        assertThat(count("select count(*) from stored_objects where family_id = ?", f.familyId())).isZero();
        assertThat(api.post("/uploads/" + slot.get("upload_id") + "/complete", Map.of(), f.token()).text("code"))
                .as("the wrong object was deleted").isEqualTo("object_not_found");
    }

    @Test
    @SuppressWarnings("unchecked")
    void seedFlow_signatureUploadHashCheckPhotos() throws Exception {
        Api api = api();
        Family f = family("e2e-seed");
        byte[] photo = randomBytes(50_000);
        String md5 = Multipart.md5(photo);

        Answer signature = api.get("/families/oss/signature?family_id=" + f.familyId() + "&file_path=" + f.albumA(),
                f.token());
        assertThat(signature.status()).isEqualTo(200);
        assertThat(signature.body()).containsKeys("host", "policy", "signature", "credential", "date",
                "file_base_path", "signature_version", "expire", "fields");
        String basePath = signature.text("file_base_path");
        assertThat(basePath).isEqualTo("families/" + f.familyId() + "/incoming/" + f.userId());
        String key = basePath + "/" + System.currentTimeMillis() + "_0.jpg";
        var articleForm = new java.util.LinkedHashMap<String, Object>();
        articleForm.put("key", key);
        articleForm.put("policy", signature.text("policy"));
        articleForm.put("x-oss-signature-version", signature.text("signature_version"));
        articleForm.put("x-oss-credential", signature.text("credential"));
        articleForm.put("x-oss-date", signature.text("date"));
        articleForm.put("x-oss-signature", signature.text("signature"));
        articleForm.put("success_action_status", "200");
        assertThat(Multipart.post(signature.text("host"), articleForm, "p.jpg", photo, null).status()).isEqualTo(200);

        Answer before = api.post("/hash/check", Map.of("family_id", f.familyId(), "hashes", List.of(md5)), f.token());
        assertThat((List<String>) before.body().get("missing")).containsExactly(md5);

        Map<String, Object> item = new java.util.HashMap<>(Map.of("album_id", f.albumA(), "family_id", f.familyId(),
                "file_name", "p.jpg", "file_path", key, "object_key", key, "creator_uid", "u_somebody_else",
                "file_type", "image", "file_size", photo.length / 1024, "upload_time", System.currentTimeMillis(),
                "hash_value", md5));
        Answer recorded = api.post("/photos", Map.of("data", List.of(item)), f.token());
        Map<String, Object> result = ((List<Map<String, Object>>) recorded.body().get("items")).get(0);
        assertThat(result).containsEntry("status", "created");
        assertThat((Map<String, Object>) result.get("photo")).containsEntry("creator_id", f.userId())
                .containsEntry("content_type", "image/jpeg");

        Answer after = api.post("/hash/check", Map.of("family_id", f.familyId(), "hashes", List.of(md5)), f.token());
        assertThat((List<String>) after.body().get("existing")).containsExactly(md5);
    }

    @Test
    @SuppressWarnings("unchecked")
    void fiftyConcurrentClients_sameNewFile_oneStoredObject_onePhotoPerAlbum_no5xx() throws Exception {
        Api api = api();
        Family f = family("e2e-race");
        String code = api.post("/families/" + f.familyId() + "/invites", Map.of(), f.token()).text("code");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String member = i < 9 ? api.login("e2e-race-member" + i) : null;
            if (member != null) {
                api.post("/invites/" + code + "/accept", Map.of(), member);
            }
            tokens.add(member != null ? member : f.token());
        }
        byte[] photo = randomBytes(64_000);
        List<Callable<List<Integer>>> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String token = tokens.get(i);
            String album = i % 2 == 0 ? f.albumA() : f.albumB();
            clients.add(() -> {
                List<Integer> statuses = new ArrayList<>();
                Answer prepared = api().post("/uploads", Map.of("family_id", f.familyId(), "album_id", album,
                        "files", List.of(file("0", "race.jpg", photo, "image/jpeg"))), token);
                statuses.add(prepared.status());
                Map<String, Object> item = ((List<Map<String, Object>>) prepared.body().get("items")).get(0);
                if ("upload".equals(item.get("status"))) {
                    statuses.add(upload(item, photo, "image/jpeg").status());
                    statuses.add(api().post("/uploads/" + item.get("upload_id") + "/complete", Map.of(), token).status());
                }
                return statuses;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<List<Integer>> outcome : pool.invokeAll(clients)) {
                statuses.addAll(outcome.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).allSatisfy(status -> assertThat(status).isLessThan(500)).containsOnly(200);
        assertThat(count("select count(*) from stored_objects where family_id = ?", f.familyId())).isEqualTo(1);
        assertThat(count("select count(*) from media_files where album_id = ?", f.albumA())).isEqualTo(1);
        assertThat(count("select count(*) from media_files where album_id = ?", f.albumB())).isEqualTo(1);
    }
}
