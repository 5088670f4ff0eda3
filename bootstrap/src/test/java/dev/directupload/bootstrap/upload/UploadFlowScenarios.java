package dev.directupload.bootstrap.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.bootstrap.support.Api;
import dev.directupload.bootstrap.support.Api.Answer;
import dev.directupload.bootstrap.support.Multipart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The recommended flow over HTTP with real multipart uploads to a real store, the same scenarios for every
 * storage provider (subclasses choose the provider and how users log in).
 */
abstract class UploadFlowScenarios extends HttpScenarios {

    /** True for stores like OSS whose forms can forbid overwriting; false for S3/MinIO (staging keys). */
    abstract boolean formsForbidOverwrite();

    @Test
    @SuppressWarnings("unchecked")
    void prepareUploadCompleteList_thenInstantInAnotherAlbum_andNoCrossFamilyDedupe() throws Exception {
        Api api = api();
        Family wang = family("e2e-wang");
        byte[] photo = randomBytes(300_000);

        Map<String, Object> slot = items(api.post(
                        "/uploads",
                        Map.of(
                                "family_id",
                                wang.familyId(),
                                "album_id",
                                wang.albumA(),
                                "files",
                                List.of(file("0", "IMG_0001.jpg", photo, "image/jpeg"))),
                        wang.token()))
                .get(0);
        assertThat(slot).containsEntry("status", "upload").containsKeys("upload_id", "url", "fields", "expires_at");
        Map<String, Object> fields = (Map<String, Object>) slot.get("fields");
        String contentKey = "families/" + wang.familyId() + "/objects/"
                + Multipart.md5(photo).substring(0, 2) + "/" + Multipart.md5(photo) + ".jpg";
        if (formsForbidOverwrite()) {
            assertThat(fields.get("key")).isEqualTo(contentKey);
            assertThat(fields).containsEntry("x-oss-forbid-overwrite", "true");
        } else {
            // S3 forms cannot forbid overwriting: the form writes the upload's own key, never the content key
            assertThat(fields.get("key"))
                    .isEqualTo("families/" + wang.familyId() + "/staging/" + slot.get("upload_id") + ".jpg");
        }
        assertThat(fields)
                .containsEntry("success_action_status", "200")
                .containsEntry("Content-Type", "image/jpeg")
                .containsKey("policy")
                // no upload callback: the local store runs without oss.callback.url here, and S3 forms have none
                .doesNotContainKeys("callback", "x:upload_id");

        Multipart.StorageAnswer stored = upload(slot, photo, "image/jpeg");
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(stored.response().headers().firstValue("ETag").orElseThrow().replace("\"", ""))
                .isEqualToIgnoringCase(Multipart.md5(photo));

        Answer completed = api.post("/uploads/" + slot.get("upload_id") + "/complete", Map.of(), wang.token());
        assertThat(completed.status()).isEqualTo(200);
        // the photo points at the content key, which no form can write
        assertThat(text("select object_key from stored_objects where family_id = ?", wang.familyId()))
                .isEqualTo(contentKey);
        assertThat(completed.body())
                .containsEntry("md5", Multipart.md5(photo))
                .containsEntry("size", 300_000)
                .containsEntry("type", "image")
                .containsEntry("album_id", wang.albumA())
                .containsEntry("creator_id", wang.userId());
        Answer again = api.post("/uploads/" + slot.get("upload_id") + "/complete", Map.of(), wang.token());
        assertThat(again.text("id")).isEqualTo(completed.text("id"));

        Map<String, Object> page =
                api.get("/albums/" + wang.albumA() + "/photos", wang.token()).body();
        assertThat(page).containsEntry("next_cursor", null);
        List<Map<String, Object>> listed = (List<Map<String, Object>>) page.get("items");
        assertThat(listed)
                .singleElement()
                .satisfies(p -> assertThat(p.get("id")).isEqualTo(completed.text("id")));
        var download = Multipart.get(listed.get(0).get("url").toString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(photo);

        Map<String, Object> instant = items(api.post(
                        "/uploads",
                        Map.of(
                                "family_id",
                                wang.familyId(),
                                "album_id",
                                wang.albumB(),
                                "files",
                                List.of(file("x", "copy.jpg", photo, "image/jpeg"))),
                        wang.token()))
                .get(0);
        assertThat(instant).containsEntry("status", "instant").doesNotContainKey("url");
        assertThat((Map<String, Object>) instant.get("photo")).containsEntry("album_id", wang.albumB());
        assertThat(count("select count(*) from upload_slots where family_id = ?", wang.familyId()))
                .isEqualTo(1);

        Family li = family("e2e-li");
        Map<String, Object> foreign = items(api.post(
                        "/uploads",
                        Map.of(
                                "family_id",
                                li.familyId(),
                                "album_id",
                                li.albumA(),
                                "files",
                                List.of(file("0", "same.jpg", photo, "image/jpeg"))),
                        li.token()))
                .get(0);
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

        Map<String, Object> slot = items(api.post(
                        "/uploads",
                        Map.of(
                                "family_id",
                                f.familyId(),
                                "album_id",
                                f.albumA(),
                                "files",
                                List.of(file("0", "a.png", declared, "image/png"))),
                        f.token()))
                .get(0);
        Answer early = api.post("/uploads/" + slot.get("upload_id") + "/complete", Map.of(), f.token());
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.text("code")).isEqualTo("object_not_found");

        assertThat(upload(slot, other, "image/png").status()).isEqualTo(200);
        Answer failed = api.post("/uploads/" + slot.get("upload_id") + "/complete", Map.of(), f.token());

        assertThat(failed.status()).isEqualTo(409);
        assertThat(failed.text("code")).isEqualTo("upload_verification_failed");
        assertThat(count("select count(*) from media_files where family_id = ?", f.familyId()))
                .isZero();
        assertThat(count("select count(*) from stored_objects where family_id = ?", f.familyId()))
                .isZero();
        assertThat(api.post("/uploads/" + slot.get("upload_id") + "/complete", Map.of(), f.token())
                        .text("code"))
                .as("the wrong object was deleted")
                .isEqualTo("object_not_found");
    }

    @Test
    @SuppressWarnings("unchecked")
    void fiftyConcurrentClients_sameNewFile_oneStoredObject_onePhotoPerAlbum_no5xx() throws Exception {
        Api api = api();
        Family f = family("e2e-race");
        String code = api.post("/families/" + f.familyId() + "/invites", Map.of(), f.token())
                .text("code");
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
                Answer prepared = api().post(
                                "/uploads",
                                Map.of(
                                        "family_id",
                                        f.familyId(),
                                        "album_id",
                                        album,
                                        "files",
                                        List.of(file("0", "race.jpg", photo, "image/jpeg"))),
                                token);
                statuses.add(prepared.status());
                Map<String, Object> item =
                        ((List<Map<String, Object>>) prepared.body().get("items")).get(0);
                if ("upload".equals(item.get("status"))) {
                    Multipart.StorageAnswer stored = upload(item, photo, "image/jpeg");
                    // another member stored the same bytes first: the form may not overwrite them, complete checks them
                    boolean alreadyThere =
                            stored.status() == 409 && stored.body().contains("FileAlreadyExists");
                    statuses.add(alreadyThere ? 200 : stored.status());
                    statuses.add(api().post("/uploads/" + item.get("upload_id") + "/complete", Map.of(), token)
                            .status());
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

        assertThat(statuses)
                .allSatisfy(status -> assertThat(status).isLessThan(500))
                .containsOnly(200);
        assertThat(count("select count(*) from stored_objects where family_id = ?", f.familyId()))
                .isEqualTo(1);
        assertThat(count("select count(*) from media_files where album_id = ?", f.albumA()))
                .isEqualTo(1);
        assertThat(count("select count(*) from media_files where album_id = ?", f.albumB()))
                .isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void storageRefusesTamperedOversizeAndForeignKeyForms_andTheServiceRecordsNothing() throws Exception {
        Api api = api();
        Family f = family("e2e-refusals");
        byte[] photo = randomBytes(20_000);
        Map<String, Object> slot = items(api.post(
                        "/uploads",
                        Map.of(
                                "family_id",
                                f.familyId(),
                                "album_id",
                                f.albumA(),
                                "files",
                                List.of(file("0", "r.jpg", photo, "image/jpeg"))),
                        f.token()))
                .get(0);
        Map<String, Object> fields = (Map<String, Object>) slot.get("fields");
        String url = slot.get("url").toString();
        String signatureField = fields.containsKey("x-oss-signature") ? "x-oss-signature" : "x-amz-signature";

        var tampered = new java.util.LinkedHashMap<>(fields);
        String signature = tampered.get(signatureField).toString();
        tampered.put(signatureField, (signature.charAt(0) == 'a' ? "b" : "a") + signature.substring(1));
        var foreignKey = new java.util.LinkedHashMap<>(fields);
        foreignKey.put("key", "families/" + f.familyId() + "/objects/00/elsewhere.jpg");
        byte[] oversize = java.util.Arrays.copyOf(photo, photo.length + 1);

        int tamperedStatus =
                Multipart.post(url, tampered, "r.jpg", photo, "image/jpeg").status();
        int oversizeStatus =
                Multipart.post(url, fields, "r.jpg", oversize, "image/jpeg").status();
        int foreignKeyStatus =
                Multipart.post(url, foreignKey, "r.jpg", photo, "image/jpeg").status();

        assertThat(tamperedStatus).as("tampered signature").isEqualTo(403);
        assertThat(oversizeStatus).as("one byte over the exact size").isEqualTo(400);
        assertThat(foreignKeyStatus).as("key outside the policy").isEqualTo(403);
        Answer complete = api.post("/uploads/" + slot.get("upload_id") + "/complete", Map.of(), f.token());
        assertThat(complete.status()).isEqualTo(409);
        assertThat(complete.text("code")).isEqualTo("object_not_found");
        assertThat(count("select count(*) from stored_objects where family_id = ?", f.familyId()))
                .isZero();
        assertThat(count("select count(*) from media_files where family_id = ?", f.familyId()))
                .isZero();
    }

    // ---- issue 12: the original article's client, exactly as written ----

    ArticleClient articleClient(Family f) {
        return new ArticleClient(api(), f.token(), f.userId(), f.familyId(), f.albumA());
    }

    static Map<String, byte[]> byMd5(List<ArticleClient.Picked> files) {
        Map<String, byte[]> bytes = new java.util.HashMap<>();
        files.forEach(file -> bytes.put(file.md5(), file.bytes()));
        return bytes;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> resultItems(Answer answer) {
        return (List<Map<String, Object>>) answer.body().get("items");
    }

    @Test
    @SuppressWarnings("unchecked")
    void articleClient_exactRequests_everyPhotoRecordedOnceAndListed_sendingAgainIsDuplicate() throws Exception {
        Family f = family("article-exact");
        ArticleClient client = articleClient(f);
        var a = new ArticleClient.Picked(randomBytes(50_000), "jpg");
        var b = new ArticleClient.Picked(randomBytes(70_001), "jpg");
        var c = new ArticleClient.Picked(randomBytes(20_480), "png");
        var d = new ArticleClient.Picked(randomBytes(90_000), "mp4");
        List<ArticleClient.Picked> files = List.of(a, b, c, d, a); // the last one was picked twice

        Answer signature = client.signature();
        assertThat(signature.status()).isEqualTo(200);
        assertThat(signature.text("file_base_path")).isEqualTo("families/" + f.familyId() + "/incoming/" + f.userId());
        if (devLogin()) {
            // the local store emulates STS: the article's client posts the token it is given, as on OSS
            assertThat(signature.text("security_token")).isNotBlank();
            assertThat(signature.text("credential")).startsWith("STS.");
        }
        assertThat(ArticleClient.form(signature, "k").keySet())
                .as("exactly the article's fields, no Content-Type")
                .containsExactlyElementsOf(
                        devLogin()
                                ? List.of(
                                        "key",
                                        "policy",
                                        "x-oss-signature-version",
                                        "x-oss-credential",
                                        "x-oss-date",
                                        "x-oss-signature",
                                        "x-oss-security-token",
                                        "success_action_status")
                                : List.of(
                                        "key",
                                        "policy",
                                        "x-amz-algorithm",
                                        "x-amz-credential",
                                        "x-amz-date",
                                        "x-amz-signature",
                                        "success_action_status"));

        List<ArticleClient.Uploaded> first = client.uploadFilesToOss(files);
        assertThat(first).extracting(ArticleClient.Uploaded::storageStatus).containsOnly(200);
        assertThat(first.get(0).item())
                .as("the article's item, field by field")
                .containsOnlyKeys(
                        "album_id",
                        "family_id",
                        "file_name",
                        "file_path",
                        "object_key",
                        "creator_uid",
                        "file_type",
                        "file_size",
                        "upload_time",
                        "hash_value")
                .containsEntry("object_key", a.md5())
                .containsEntry("hash_value", a.md5())
                .containsEntry("file_size", 49)
                .containsEntry("file_type", "image");
        assertThat(first.get(3).item()).containsEntry("file_type", "video").containsEntry("file_size", 88);

        Answer saved = client.savePhotos(
                first.stream().map(ArticleClient.Uploaded::item).toList());
        assertThat(saved.status()).as(String.valueOf(saved.body())).isEqualTo(200);
        List<Map<String, Object>> results = resultItems(saved);
        assertThat(results)
                .extracting(r -> r.get("status"))
                .containsExactly("created", "created", "created", "created", "duplicate");
        List<String> types = results.stream()
                .map(r -> ((Map<String, Object>) r.get("photo"))
                        .get("content_type")
                        .toString())
                .toList();
        assertThat(types).containsExactly("image/jpeg", "image/jpeg", "image/png", "video/mp4", "image/jpeg");
        for (int i = 0; i < files.size(); i++) {
            assertThat((Map<String, Object>) results.get(i).get("photo"))
                    .containsEntry("md5", files.get(i).md5())
                    .containsEntry("size", files.get(i).bytes().length)
                    .containsEntry("creator_id", f.userId())
                    .containsEntry("album_id", f.albumA());
        }
        assertThat(((Map<String, Object>) results.get(4).get("photo")).get("id"))
                .isEqualTo(((Map<String, Object>) results.get(0).get("photo")).get("id"));

        // every photo points into the family's content-addressed area; the incoming objects are gone
        assertThat(count(
                        "select count(*) from media_files where family_id = ? and object_key not like ?",
                        f.familyId(),
                        "families/" + f.familyId() + "/objects/%"))
                .isZero();
        for (ArticleClient.Uploaded upload : first) {
            assertThat(stored(upload.key())).as("incoming " + upload.key()).isFalse();
        }

        List<Map<String, Object>> listed = listAll(api(), f.albumA(), f.token());
        assertThat(listed).hasSize(4);
        assertThat(listed).extracting(p -> p.get("md5")).containsExactlyInAnyOrder(a.md5(), b.md5(), c.md5(), d.md5());
        assertServed(listed, byMd5(files));

        // the user runs the same upload again: stored again, recorded once
        List<ArticleClient.Uploaded> again = client.uploadFilesToOss(files);
        assertThat(again).extracting(ArticleClient.Uploaded::storageStatus).containsOnly(200);
        Answer savedAgain = client.savePhotos(
                again.stream().map(ArticleClient.Uploaded::item).toList());
        assertThat(savedAgain.status()).isEqualTo(200);
        assertThat(resultItems(savedAgain)).extracting(r -> r.get("status")).containsOnly("duplicate");
        assertThat(resultItems(savedAgain))
                .extracting(r -> ((Map<String, Object>) r.get("photo")).get("id"))
                .containsExactlyElementsOf(results.stream()
                        .map(r -> ((Map<String, Object>) r.get("photo")).get("id"))
                        .toList());
        for (ArticleClient.Uploaded upload : again) {
            assertThat(stored(upload.key()))
                    .as("redundant incoming " + upload.key())
                    .isFalse();
        }
        assertThat(listAll(api(), f.albumA(), f.token())).hasSize(4);
        assertThat(count("select count(*) from stored_objects where family_id = ?", f.familyId()))
                .isEqualTo(4);
    }

    @Test
    @SuppressWarnings("unchecked")
    void articleClient_instantUploadVariant_uploadsOnlyTheMissing_secondRunSkipsWhatExists_everythingListed() {
        Family f = family("article-instant");
        ArticleClient client = articleClient(f);
        var a = new ArticleClient.Picked(randomBytes(30_000), "jpg");
        var b = new ArticleClient.Picked(randomBytes(31_000), "png");
        var c = new ArticleClient.Picked(randomBytes(32_000), "jpg");
        var d = new ArticleClient.Picked(randomBytes(33_000), "mp4");
        var e = new ArticleClient.Picked(randomBytes(34_000), "jpg");

        ArticleClient.InstantRun first = client.uploadWithHashCheck(List.of(a, b, c));
        assertThat(first.existing()).isEmpty();
        assertThat(first.uploaded())
                .hasSize(3)
                .extracting(ArticleClient.Uploaded::storageStatus)
                .containsOnly(200);
        assertThat(first.saved().status()).isEqualTo(200);
        assertThat(resultItems(first.saved())).extracting(r -> r.get("status")).containsOnly("created");

        ArticleClient.InstantRun second = client.uploadWithHashCheck(List.of(a, b, c, d, e));
        assertThat(second.existing()).containsExactlyInAnyOrder(a.md5(), b.md5(), c.md5());
        assertThat(second.uploaded())
                .as("only the missing files are uploaded")
                .extracting(u -> u.file().md5())
                .containsExactly(d.md5(), e.md5());
        assertThat(second.saved().status()).isEqualTo(200);
        assertThat(resultItems(second.saved())).extracting(r -> r.get("status")).containsOnly("created");

        ArticleClient.InstantRun third = client.uploadWithHashCheck(List.of(a, b, c, d, e));
        assertThat(third.existing()).hasSize(5);
        assertThat(third.uploaded()).as("nothing left to upload").isEmpty();

        List<Map<String, Object>> listed = listAll(api(), f.albumA(), f.token());
        assertThat(listed)
                .extracting(p -> p.get("md5"))
                .containsExactlyInAnyOrder(a.md5(), b.md5(), c.md5(), d.md5(), e.md5());
        assertServed(listed, byMd5(List.of(a, b, c, d, e)));
        assertThat((List<String>)
                        client.hashCheck(List.of(a.md5(), e.md5())).body().get("missing"))
                .isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void articleClient_oneBadItem_is422ItemsRejected_theOthersStayCreated_andResendingAnswersDuplicate()
            throws Exception {
        Family f = family("article-422");
        ArticleClient client = articleClient(f);
        var a = new ArticleClient.Picked(randomBytes(40_000), "jpg");
        var b = new ArticleClient.Picked(randomBytes(40_000), "jpg");
        var c = new ArticleClient.Picked(randomBytes(40_000), "png");
        List<ArticleClient.Uploaded> uploaded = client.uploadFilesToOss(List.of(a, b, c));
        assertThat(uploaded).extracting(ArticleClient.Uploaded::storageStatus).containsOnly(200);
        List<Map<String, Object>> batch = new ArrayList<>();
        uploaded.forEach(u -> batch.add(new java.util.LinkedHashMap<>(u.item())));
        // the client computed a wrong MD5 for the middle file
        String wrong = Multipart.md5(randomBytes(16));
        batch.get(1).put("hash_value", wrong);
        batch.get(1).put("object_key", wrong);

        Answer saved = client.savePhotos(batch);
        assertThat(saved.status()).as(String.valueOf(saved.body())).isEqualTo(422);
        assertThat(saved.text("code")).isEqualTo("items_rejected");
        assertThat(saved.text("message")).isNotBlank();
        List<Map<String, Object>> results = resultItems(saved);
        assertThat(results).extracting(r -> r.get("status")).containsExactly("created", "rejected", "created");
        assertThat(results).extracting(r -> r.get("index")).containsExactly(0, 1, 2);
        assertThat(results.get(1)).containsEntry("code", "upload_verification_failed");
        assertThat(stored(uploaded.get(1).key()))
                .as("the refused upload is removed")
                .isFalse();
        assertThat(listAll(api(), f.albumA(), f.token()))
                .extracting(p -> p.get("md5"))
                .containsExactlyInAnyOrder(a.md5(), c.md5());

        Answer resent = client.savePhotos(batch);
        assertThat(resent.status()).isEqualTo(422);
        assertThat(resent.text("code")).isEqualTo("items_rejected");
        List<Map<String, Object>> again = resultItems(resent);
        assertThat(again).extracting(r -> r.get("status")).containsExactly("duplicate", "rejected", "duplicate");
        assertThat(((Map<String, Object>) again.get(0).get("photo")).get("id"))
                .isEqualTo(((Map<String, Object>) results.get(0).get("photo")).get("id"));
        assertThat(((Map<String, Object>) again.get(2).get("photo")).get("id"))
                .isEqualTo(((Map<String, Object>) results.get(2).get("photo")).get("id"));
        assertThat(count("select count(*) from media_files where family_id = ?", f.familyId()))
                .isEqualTo(2);
    }
}
