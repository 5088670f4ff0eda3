package dev.directupload.bootstrap.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.application.port.in.upload.SweepUploadsUseCase.SweepReport;
import dev.directupload.application.port.out.media.PendingDeletionPort;
import dev.directupload.application.service.upload.ExclusiveSweep;
import dev.directupload.bootstrap.support.Api;
import dev.directupload.bootstrap.support.Api.Answer;
import dev.directupload.bootstrap.support.Multipart;
import dev.directupload.bootstrap.support.MutableClock;
import dev.directupload.bootstrap.support.SlowUpload;
import dev.directupload.domain.storage.ObjectKey;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's scenarios over HTTP, the same for every storage provider: recorded bytes never change, storage is
 * bounded, slow and concurrent uploads lose nothing. Time moves by a {@link MutableClock} (every bean's clock, the
 * local store's form checks included) instead of sleeping; the sweeper runs when a test calls it, as the scheduler
 * would.
 */
abstract class StorageSafetyScenarios extends HttpScenarios {

    static final long QUOTA_BYTES = 1_000_000;
    static final int QUOTA_FILES = 8;
    static final int MAX_PENDING = 10;
    /** Past a form's 10 minutes and the sweeper's 30 minutes of grace. */
    static final Duration PAST_EXPIRY_AND_GRACE = Duration.ofMinutes(41);
    /** Past {@code upload.incoming-ttl} (24 h). */
    static final Duration PAST_INCOMING_TTL = Duration.ofHours(25);

    /** The settings every subclass runs with: a mutable clock and small limits. */
    static Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("test.clock", "mutable");
        // Tokens expire on the service's clock too (CachedTokenValidator): one token outlives the days it is moved.
        settings.put("auth.jwt.ttl", "365d");
        settings.put("upload.quota.family-bytes", Long.toString(QUOTA_BYTES));
        settings.put("upload.quota.family-files", Integer.toString(QUOTA_FILES));
        settings.put("upload.max-pending-per-user", Integer.toString(MAX_PENDING));
        return settings;
    }

    @Inject
    MutableClock clock;

    @Inject
    ExclusiveSweep sweeper;

    @Inject
    PendingDeletionPort deletionQueue;

    /** True for stores like OSS whose forms can forbid overwriting; false for S3/MinIO (staging keys). */
    abstract boolean formsForbidOverwrite();

    /** Returns once the store has accepted the forms of {@code uploads} slow uploads and is receiving their bytes. */
    abstract void awaitStoreReceiving(int uploads) throws Exception;

    @AfterEach
    void backToRealTime() {
        clock.reset();
    }

    SweepReport sweep() {
        return sweeper.sweep();
    }

    Answer prepare(Family f, String albumId, List<Map<String, Object>> files) {
        return api().post(
                        "/uploads", Map.of("family_id", f.familyId(), "album_id", albumId, "files", files), f.token());
    }

    Map<String, Object> prepareOne(Family f, String albumId, byte[] bytes) {
        return items(prepare(f, albumId, List.of(file("0", "IMG.jpg", bytes, "image/jpeg"))))
                .get(0);
    }

    Answer complete(Map<String, Object> slot, String token) {
        return api().post("/uploads/" + slot.get("upload_id") + "/complete", Map.of(), token);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> fields(Map<String, Object> slot) {
        return new LinkedHashMap<>((Map<String, Object>) slot.get("fields"));
    }

    static String formKey(Map<String, Object> slot) {
        return fields(slot).get("key").toString();
    }

    static String contentKey(Family f, byte[] bytes, String ext) {
        String md5 = Multipart.md5(bytes);
        return "families/" + f.familyId() + "/objects/" + md5.substring(0, 2) + "/" + md5 + "." + ext;
    }

    String slotStatus(Map<String, Object> slot) throws Exception {
        return text("select status from upload_slots where id = ?", slot.get("upload_id"));
    }

    String storedMd5(String key) {
        return storage.inspect(new ObjectKey(key))
                .flatMap(metadata -> metadata.md5())
                .map(Object::toString)
                .orElse(null);
    }

    static SlowUpload startSlowUpload(Map<String, Object> slot, byte[] bytes) {
        return SlowUpload.start(slot.get("url").toString(), fields(slot), "IMG.jpg", bytes, "image/jpeg");
    }

    // ---- 1. bytes that a photo references are immutable ----

    @Test
    @SuppressWarnings("unchecked")
    void overwrite_afterPhotosRecord_prefixFormPostsHtmlToTheSameKey_originalBytesServedForEveryPhoto()
            throws Exception {
        Family f = family("overwrite-prefix");
        ArticleClient client = new ArticleClient(api(), f.token(), f.userId(), f.familyId(), f.albumA());
        var original = new ArticleClient.Picked(randomBytes(40_000), "jpg");
        ArticleClient.Uploaded uploaded =
                client.uploadFilesToOss(List.of(original)).get(0);
        assertThat(client.savePhotos(List.of(uploaded.item())).status()).isEqualTo(200);
        assertThat(prepareOne(f, f.albumB(), original.bytes()))
                .as("the same bytes in album B: 秒传")
                .containsEntry("status", "instant");
        String contentKey = contentKey(f, original.bytes(), "jpg");

        // the member asks for a new prefix signature and posts an HTML page over the key it recorded, every way it can
        Answer signature = client.signature();
        String host = signature.text("host");
        byte[] page = "<html><script>document.cookie</script></html>".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> typedField = new LinkedHashMap<>(ArticleClient.form(signature, uploaded.key()));
        typedField.put("Content-Type", "text/html");
        List<Integer> overIncoming = List.of(
                Multipart.post(host, ArticleClient.form(signature, uploaded.key()), "x.html", page, "text/html")
                        .status(),
                Multipart.post(host, typedField, "x.html", page, "text/html").status());
        int overContent = Multipart.post(host, ArticleClient.form(signature, contentKey), "x.html", page, "text/html")
                .status();

        assertThat(overIncoming)
                .as("refused or harmless")
                .allSatisfy(status -> assertThat(status).isLessThan(500));
        assertThat(overContent)
                .as("the content key is outside every prefix policy")
                .isEqualTo(403);
        assertThat(count(
                        "select count(*) from media_files where family_id = ? and object_key <> ?",
                        f.familyId(),
                        contentKey))
                .as("no photo references a key a form can write")
                .isZero();
        List<Map<String, Object>> photos = new ArrayList<>(listAll(api(), f.albumA(), f.token()));
        photos.addAll(listAll(api(), f.albumB(), f.token()));
        assertThat(photos).hasSize(2);
        assertServed(photos, Map.of(original.md5(), original.bytes()));
        for (Map<String, Object> photo : photos) {
            assertThat(Multipart.get(photo.get("url").toString())
                            .headers()
                            .firstValue("Content-Type")
                            .orElseThrow())
                    .startsWith("image/jpeg");
        }
        assertThat(storedMd5(contentKey)).isEqualToIgnoringCase(original.md5());

        // the client sends its batch again: duplicate, and the incoming key, HTML and all, is removed
        Answer again = client.savePhotos(List.of(uploaded.item()));
        assertThat(again.status()).isEqualTo(200);
        assertThat(((List<Map<String, Object>>) again.body().get("items")).get(0))
                .containsEntry("status", "duplicate");
        assertThat(stored(uploaded.key())).isFalse();
    }

    @Test
    void overwrite_afterComplete_reusingThePerFileForm_isRefusedOrCannotReachTheContentKey_originalBytesServed()
            throws Exception {
        Family f = family("overwrite-form");
        byte[] original = randomBytes(30_000);
        Map<String, Object> slot = prepareOne(f, f.albumA(), original);
        assertThat(upload(slot, original, "image/jpeg").status()).isEqualTo(200);
        Answer done = complete(slot, f.token());
        assertThat(done.status()).isEqualTo(200);
        String contentKey = contentKey(f, original, "jpg");
        assertThat(text("select object_key from media_files where id = ?", done.text("id")))
                .isEqualTo(contentKey);

        byte[] other = randomBytes(30_000);
        Multipart.StorageAnswer reused = upload(slot, other, "image/jpeg");
        Map<String, Object> asHtml = fields(slot);
        asHtml.put("Content-Type", "text/html");
        assertThat(Multipart.post(slot.get("url").toString(), asHtml, "x.html", other, "text/html")
                        .status())
                .as("the content type is pinned")
                .isEqualTo(403);
        if (formsForbidOverwrite()) {
            // OSS and the local store: the form names the content key and forbids overwriting it
            assertThat(formKey(slot)).isEqualTo(contentKey);
            assertThat(reused.status()).isEqualTo(409);
            assertThat(reused.body()).contains("<Code>FileAlreadyExists</Code>");
            Map<String, Object> withoutFlag = fields(slot);
            withoutFlag.remove("x-oss-forbid-overwrite");
            Map<String, Object> flagOff = fields(slot);
            flagOff.put("x-oss-forbid-overwrite", "false");
            assertThat(upload(slot.get("url").toString(), withoutFlag, other)).isEqualTo(403);
            assertThat(upload(slot.get("url").toString(), flagOff, other)).isEqualTo(403);
        } else {
            // S3/MinIO: the form names the slot's staging key; no form ever names the content key
            assertThat(formKey(slot)).isNotEqualTo(contentKey);
            assertThat(reused.status())
                    .as("the staging key is written again: harmless")
                    .isLessThan(500);
            Map<String, Object> aimed = fields(slot);
            aimed.put("key", contentKey);
            assertThat(upload(slot.get("url").toString(), aimed, other)).isEqualTo(403);
        }

        assertThat(storedMd5(contentKey)).isEqualToIgnoringCase(Multipart.md5(original));
        assertThat(complete(slot, f.token()).text("id")).isEqualTo(done.text("id"));
        assertServed(listAll(api(), f.albumA(), f.token()), Map.of(Multipart.md5(original), original));

        // whatever the reused form left at its own key is no photo's: swept after the incoming TTL
        clock.advance(PAST_INCOMING_TTL);
        sweep();
        if (!formsForbidOverwrite()) {
            assertThat(stored(formKey(slot)))
                    .as("the reused staging key, swept")
                    .isFalse();
        }
        assertServed(listAll(api(), f.albumA(), f.token()), Map.of(Multipart.md5(original), original));
    }

    private static int upload(String url, Map<String, Object> fields, byte[] bytes) {
        return Multipart.post(url, fields, "x.jpg", bytes, "image/jpeg").status();
    }

    @Test
    void prefixUpload_isPromotedIntoTheFamilysContentArea_andTheIncomingObjectIsRemoved() throws Exception {
        Family f = family("promote");
        ArticleClient client = new ArticleClient(api(), f.token(), f.userId(), f.familyId(), f.albumA());
        var photo = new ArticleClient.Picked(randomBytes(25_000), "png");
        ArticleClient.Uploaded uploaded =
                client.uploadFilesToOss(List.of(photo)).get(0);
        assertThat(stored(uploaded.key())).isTrue();

        assertThat(client.savePhotos(List.of(uploaded.item())).status()).isEqualTo(200);

        String contentKey = contentKey(f, photo.bytes(), "png");
        assertThat(text("select object_key from stored_objects where family_id = ?", f.familyId()))
                .isEqualTo(contentKey);
        assertThat(text("select object_key from media_files where family_id = ?", f.familyId()))
                .isEqualTo(contentKey);
        assertThat(storedMd5(contentKey)).isEqualToIgnoringCase(photo.md5());
        assertThat(stored(uploaded.key())).as("incoming object removed").isFalse();
        Answer signature = client.signature();
        assertThat(Multipart.post(
                                signature.text("host"),
                                ArticleClient.form(signature, contentKey),
                                "x.png",
                                randomBytes(100),
                                null)
                        .status())
                .as("no prefix policy covers the content area")
                .isEqualTo(403);
        // dedupe points at the content key
        Map<String, Object> instant = items(
                        prepare(f, f.albumB(), List.of(file("0", "again.png", photo.bytes(), "image/png"))))
                .get(0);
        assertThat(instant).containsEntry("status", "instant");
        assertThat(count(
                        "select count(*) from media_files where family_id = ? and object_key = ?",
                        f.familyId(),
                        contentKey))
                .isEqualTo(2);
        assertServed(listAll(api(), f.albumB(), f.token()), Map.of(photo.md5(), photo.bytes()));
    }

    // ---- 2. storage is bounded ----

    @Test
    @SuppressWarnings("unchecked")
    void quota_filesThatWouldExceedTheFamilyQuota_areRejectedQuotaExceeded_theOthersProceed_nothingSignedForThem()
            throws Exception {
        Family f = family("quota-batch");
        byte[] a = randomBytes(400_000);
        byte[] b = randomBytes(400_000);
        byte[] c = randomBytes(400_000);
        List<Map<String, Object>> prepared = items(prepare(
                f,
                f.albumA(),
                List.of(
                        file("a", "a.jpg", a, "image/jpeg"),
                        file("b", "b.jpg", b, "image/jpeg"),
                        file("c", "c.jpg", c, "image/jpeg"))));
        assertThat(prepared).extracting(i -> i.get("status")).containsExactly("upload", "upload", "rejected");
        assertThat(prepared.get(2))
                .containsEntry("code", "quota_exceeded")
                .doesNotContainKeys("url", "fields", "upload_id");
        assertThat(count("select count(*) from upload_slots where family_id = ?", f.familyId()))
                .isEqualTo(2);
        Map<String, Object> usage = (Map<String, Object>)
                api().get("/families/" + f.familyId(), f.token()).body().get("usage");
        assertThat(usage)
                .containsEntry("bytes", 800_000)
                .containsEntry("files", 2)
                .containsEntry("max_bytes", (int) QUOTA_BYTES)
                .containsEntry("max_files", QUOTA_FILES);

        // the admitted files proceed
        assertThat(upload(prepared.get(0), a, "image/jpeg").status()).isEqualTo(200);
        assertThat(complete(prepared.get(0), f.token()).status()).isEqualTo(200);

        // the file count: 2 taken, 6 more fit, the 7th is over
        List<Map<String, Object>> tiny = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            tiny.add(file("t" + i, "t" + i + ".jpg", randomBytes(1000), "image/jpeg"));
        }
        List<Map<String, Object>> small = items(prepare(f, f.albumA(), tiny));
        assertThat(small.subList(0, 6)).extracting(i -> i.get("status")).containsOnly("upload");
        assertThat(small.get(6)).containsEntry("status", "rejected").containsEntry("code", "quota_exceeded");
        assertThat(count("select count(*) from upload_slots where family_id = ?", f.familyId()))
                .isEqualTo(8);
    }

    @Test
    void quota_aFamilyAtItsQuota_getsNoPrefixSignature_403QuotaExceeded_untilItsPendingSlotsExpire() throws Exception {
        Family f = family("quota-prefix");
        List<Map<String, Object>> files = new ArrayList<>();
        for (int i = 0; i < QUOTA_FILES; i++) {
            files.add(file("t" + i, "t" + i + ".jpg", randomBytes(1000), "image/jpeg"));
        }
        assertThat(items(prepare(f, f.albumA(), files)))
                .extracting(i -> i.get("status"))
                .containsOnly("upload");

        Answer refused =
                api().get("/families/oss/signature?family_id=" + f.familyId() + "&file_path=" + f.albumA(), f.token());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("code")).isEqualTo("quota_exceeded");

        clock.advance(PAST_EXPIRY_AND_GRACE);
        sweep();
        assertThat(api().get(
                                "/families/oss/signature?family_id=" + f.familyId() + "&file_path=" + f.albumA(),
                                f.token())
                        .status())
                .as("expired slots no longer count")
                .isEqualTo(200);
    }

    @Test
    void pendingLimit_aUserBeyondMaxPendingUploads_gets429TooManyPendingUploads_andNothingIsSigned() throws Exception {
        Family f = family("pending-limit");
        String otherFamily =
                api().post("/families", Map.of("name", "second"), f.token()).text("id");
        String otherAlbum = api().post("/families/" + otherFamily + "/albums", Map.of("name", "X"), f.token())
                .text("id");
        Family second = new Family(f.token(), f.userId(), otherFamily, otherAlbum, otherAlbum);
        List<byte[]> bytes = new ArrayList<>();
        for (int i = 0; i < MAX_PENDING + 1; i++) {
            bytes.add(randomBytes(2000));
        }
        List<Map<String, Object>> firstSix = new ArrayList<>();
        List<Map<String, Object>> nextFour = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            firstSix.add(file("p" + i, "p" + i + ".jpg", bytes.get(i), "image/jpeg"));
        }
        for (int i = 6; i < MAX_PENDING; i++) {
            nextFour.add(file("p" + i, "p" + i + ".jpg", bytes.get(i), "image/jpeg"));
        }
        List<Map<String, Object>> slots = new ArrayList<>(items(prepare(f, f.albumA(), firstSix)));
        slots.addAll(items(prepare(second, otherAlbum, nextFour)));
        assertThat(slots).extracting(i -> i.get("status")).containsOnly("upload");

        Answer tooMany = prepare(second, otherAlbum, List.of(file("x", "x.jpg", bytes.get(MAX_PENDING), "image/jpeg")));
        assertThat(tooMany.status()).isEqualTo(429);
        assertThat(tooMany.text("code")).isEqualTo("too_many_pending_uploads");
        assertThat(count("select count(*) from upload_slots where creator_id = ?", f.userId()))
                .isEqualTo(MAX_PENDING);

        // finishing one makes room for one
        assertThat(upload(slots.get(0), bytes.get(0), "image/jpeg").status()).isEqualTo(200);
        assertThat(complete(slots.get(0), f.token()).status()).isEqualTo(200);
        assertThat(prepareOne(second, otherAlbum, bytes.get(MAX_PENDING))).containsEntry("status", "upload");
    }

    @Test
    void orphans_anIncomingObjectNothingRecords_isDeletedAfterTheIncomingTtl_recordedBytesStay() throws Exception {
        Family f = family("orphans");
        ArticleClient client = new ArticleClient(api(), f.token(), f.userId(), f.familyId(), f.albumA());
        var kept = new ArticleClient.Picked(randomBytes(12_000), "jpg");
        var abandoned = new ArticleClient.Picked(randomBytes(13_000), "jpg");
        List<ArticleClient.Uploaded> uploaded = client.uploadFilesToOss(List.of(kept, abandoned));
        assertThat(client.savePhotos(List.of(uploaded.get(0).item())).status()).isEqualTo(200);
        String orphan = uploaded.get(1).key();

        sweep();
        clock.advance(Duration.ofHours(23));
        sweep();
        assertThat(stored(orphan)).as("younger than the incoming TTL").isTrue();

        clock.advance(Duration.ofHours(2));
        SweepReport report = sweep();
        assertThat(stored(orphan))
                .as("older than the incoming TTL, recorded by nothing")
                .isFalse();
        assertThat(report.orphansRemoved()).isPositive();
        assertThat(count("select count(*) from media_files where family_id = ?", f.familyId()))
                .isEqualTo(1);
        assertServed(listAll(api(), f.albumA(), f.token()), Map.of(kept.md5(), kept.bytes()));
    }

    // ---- 3. slow and concurrent uploads lose nothing ----

    @Test
    void lateArrival_bytesArriveAfterTheSweeperExpiredTheSlot_completeStillRecordsThem() throws Exception {
        Family f = family("late-complete");
        byte[] video = randomBytes(200_000);
        Map<String, Object> slot = prepareOne(f, f.albumA(), video);
        SlowUpload phone = startSlowUpload(slot, video);
        awaitStoreReceiving(1);

        clock.advance(PAST_EXPIRY_AND_GRACE);
        sweep();
        assertThat(slotStatus(slot)).isEqualTo("EXPIRED");
        Answer early = complete(slot, f.token());
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.text("code")).isEqualTo("upload_expired");

        assertThat(phone.finish().status()).as("the last bytes arrive").isEqualTo(200);
        Answer done = complete(slot, f.token());
        assertThat(done.status()).as(String.valueOf(done.body())).isEqualTo(200);
        assertThat(slotStatus(slot)).isEqualTo("COMPLETED");
        assertServed(listAll(api(), f.albumA(), f.token()), Map.of(Multipart.md5(video), video));
    }

    @Test
    void lateArrival_bytesArriveAfterTheSlotExpired_theSweeperRecordsThemWithoutComplete() throws Exception {
        Family f = family("late-sweeper");
        byte[] video = randomBytes(150_000);
        Map<String, Object> slot = prepareOne(f, f.albumA(), video);
        SlowUpload phone = startSlowUpload(slot, video);
        awaitStoreReceiving(1);

        clock.advance(PAST_EXPIRY_AND_GRACE);
        sweep();
        assertThat(slotStatus(slot)).isEqualTo("EXPIRED");
        assertThat(phone.finish().status()).isEqualTo(200);
        sweep();
        assertThat(count("select count(*) from media_files where family_id = ?", f.familyId()))
                .as("the object is younger than the incoming TTL: left alone for now")
                .isZero();

        clock.advance(PAST_INCOMING_TTL);
        SweepReport report = sweep();
        assertThat(report.orphansRecorded()).isPositive();
        assertThat(slotStatus(slot)).isEqualTo("COMPLETED");
        assertServed(listAll(api(), f.albumA(), f.token()), Map.of(Multipart.md5(video), video));
        assertThat(complete(slot, f.token()).status()).isEqualTo(200);
    }

    @Test
    void expiredSlotWhoseObjectNeverVerifies_hasItsObjectDeleted_andNothingIsRecorded() throws Exception {
        Family f = family("never-verified");
        byte[] declared = randomBytes(20_000);
        Map<String, Object> slot = prepareOne(f, f.albumA(), declared);
        assertThat(upload(slot, randomBytes(20_000), "image/jpeg").status()).isEqualTo(200);
        String key = formKey(slot);
        assertThat(stored(key)).isTrue();

        clock.advance(PAST_EXPIRY_AND_GRACE);
        sweep();

        assertThat(slotStatus(slot)).isEqualTo("EXPIRED");
        assertThat(stored(key)).as("the wrong bytes are not orphaned").isFalse();
        assertThat(count("select count(*) from media_files where family_id = ?", f.familyId()))
                .isZero();
        assertThat(count("select count(*) from pending_deletions where object_key = ?", key))
                .isZero();
    }

    @Test
    void sweeperExpiry_racingLateUploadsAndTheirCompletes_neverOverwritesACompletedSlot_norDeletesLateBytes()
            throws Exception {
        Family f = family("expiry-race");
        int n = 6;
        List<byte[]> bytes = new ArrayList<>();
        List<Map<String, Object>> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            bytes.add(randomBytes(8_000 + i));
            files.add(file("r" + i, "r" + i + ".jpg", bytes.get(i), "image/jpeg"));
        }
        List<Map<String, Object>> slots = items(prepare(f, f.albumA(), files));
        List<SlowUpload> phones = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            phones.add(startSlowUpload(slots.get(i), bytes.get(i)));
        }
        awaitStoreReceiving(n);
        clock.advance(PAST_EXPIRY_AND_GRACE);

        AtomicBoolean clientsDone = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(n + 1);
        List<Answer> completes = new ArrayList<>();
        List<Integer> stored = new ArrayList<>();
        try {
            Future<Integer> sweeps = pool.submit(() -> {
                int runs = 0;
                while (!clientsDone.get()) {
                    sweep();
                    runs++;
                }
                return runs;
            });
            List<Callable<Object[]>> clients = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                SlowUpload phone = phones.get(i);
                Map<String, Object> slot = slots.get(i);
                clients.add(() -> new Object[] {phone.finish().status(), complete(slot, f.token())});
            }
            for (Future<Object[]> outcome : pool.invokeAll(clients)) {
                stored.add((Integer) outcome.get()[0]);
                completes.add((Answer) outcome.get()[1]);
            }
            clientsDone.set(true);
            assertThat(sweeps.get()).isPositive();
        } finally {
            clientsDone.set(true);
            pool.shutdownNow();
        }

        assertThat(stored).containsOnly(200);
        for (int i = 0; i < n; i++) {
            Answer answer = completes.get(i);
            // wherever the sweeper came in, bytes that arrived late are recorded, never expired away
            assertThat(answer.status()).as("slot %d: %s", i, answer.body()).isEqualTo(200);
            assertThat(slotStatus(slots.get(i))).as("slot %d", i).isEqualTo("COMPLETED");
            assertThat(text(
                            "select media_file_id from upload_slots where id = ?",
                            slots.get(i).get("upload_id")))
                    .isEqualTo(answer.text("id"));
        }
        List<Map<String, Object>> listed = listAll(api(), f.albumA(), f.token());
        assertThat(listed).hasSize(n);
        Map<String, byte[]> byMd5 = new HashMap<>();
        bytes.forEach(b -> byMd5.put(Multipart.md5(b), b));
        assertServed(listed, byMd5);
    }

    @Test
    void janitorDeleteRetry_racingAnUploadOfTheSameBytes_neverRemovesTheBytesItJustVerified() throws Exception {
        Family f = family("janitor-race");
        byte[] photo = randomBytes(20_000);
        String contentKey = contentKey(f, photo, "jpg");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                // a delete of these bytes (a photo deleted earlier) failed and waits in the queue for the sweeper
                deletionQueue.enqueueDeletion(new ObjectKey(contentKey), clock.instant());
                Map<String, Object> slot = prepareOne(f, f.albumA(), photo);
                assertThat(slot).containsEntry("status", "upload");
                assertThat(upload(slot, photo, "image/jpeg").status()).isEqualTo(200);

                Future<Answer> completed = pool.submit(() -> complete(slot, f.token()));
                Future<SweepReport> retried = pool.submit(this::sweep);
                Answer done = completed.get();
                retried.get();
                assertThat(done.status()).as("round %d: %s", round, done.body()).isEqualTo(200);
                assertThat(storedMd5(contentKey)).as("round %d", round).isEqualToIgnoringCase(Multipart.md5(photo));

                // the retry comes once more, after the recording: the bytes stay
                deletionQueue.enqueueDeletion(new ObjectKey(contentKey), clock.instant());
                sweep();
                assertThat(storedMd5(contentKey)).as("round %d", round).isEqualToIgnoringCase(Multipart.md5(photo));
                assertServed(listAll(api(), f.albumA(), f.token()), Map.of(Multipart.md5(photo), photo));

                // deleting the photo deletes its bytes: the next round uploads them anew
                assertThat(api().delete("/photos/" + done.text("id"), f.token()).status())
                        .isEqualTo(204);
                assertThat(stored(contentKey)).isFalse();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void instantUpload_racingTheDeletionOfTheLastPhotoOfItsBytes_answersAPhotoWithBytesOrAFormThatCompletes()
            throws Exception {
        Family f = family("instant-race-" + System.nanoTime());
        Api api = api();
        String code = api.post("/families/" + f.familyId() + "/invites", Map.of(), f.token())
                .text("code");
        String[] member = api.loginUser("instant-race-member-" + System.nanoTime());
        assertThat(api.post("/invites/" + code + "/accept", Map.of(), member[0]).status())
                .isEqualTo(200);
        // the member prepares (its own signing bucket), the owner uploads and deletes
        Family asMember = new Family(member[0], member[1], f.familyId(), f.albumA(), f.albumB());
        int rounds = 40;
        int instants = 0;
        int forms = 0;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                byte[] bytes = randomBytes(4_000 + round);
                String md5 = Multipart.md5(bytes);
                Map<String, Object> first = prepareOne(f, f.albumA(), bytes);
                assertThat(first).as("round %d", round).containsEntry("status", "upload");
                assertThat(upload(first, bytes, "image/jpeg").status()).isEqualTo(200);
                Answer recorded = complete(first, f.token());
                assertThat(recorded.status())
                        .as("round %d: %s", round, recorded.body())
                        .isEqualTo(200);

                Future<Answer> prepared = pool.submit(
                        () -> prepare(asMember, f.albumB(), List.of(file("0", "IMG.jpg", bytes, "image/jpeg"))));
                Future<Answer> deleted = pool.submit(() -> api().delete("/photos/" + recorded.text("id"), f.token()));
                Answer prepareAnswer = prepared.get();
                assertThat(deleted.get().status()).as("round %d", round).isEqualTo(204);
                assertThat(prepareAnswer.status())
                        .as("round %d: %s", round, prepareAnswer.body())
                        .isEqualTo(200);
                Map<String, Object> item = items(prepareAnswer).get(0);

                String photoId;
                if ("instant".equals(item.get("status"))) {
                    instants++;
                    @SuppressWarnings("unchecked")
                    Map<String, Object> photo = (Map<String, Object>) item.get("photo");
                    photoId = photo.get("id").toString();
                } else {
                    assertThat(item).as("round %d", round).containsEntry("status", "upload");
                    forms++;
                    photoId = completeAfterRace(item, bytes, asMember.token(), round);
                }
                List<Map<String, Object>> listed = listAll(api(), f.albumB(), f.token());
                assertThat(listed)
                        .as("round %d: the member's photo is listed", round)
                        .extracting(p -> p.get("id"))
                        .containsExactly(photoId);
                assertServed(listed, Map.of(md5, bytes));

                // clean up: the family's quota holds a few files only
                assertThat(api().delete("/photos/" + photoId, f.token()).status())
                        .isEqualTo(204);
                assertThat(stored(contentKey(f, bytes, "jpg")))
                        .as("round %d", round)
                        .isFalse();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(instants + forms).isEqualTo(rounds);
        System.out.printf("instant/delete race: %d instant photos, %d upload forms%n", instants, forms);
        sweep();
        assertThat(count("select count(*) from stored_objects where family_id = ?", f.familyId()))
                .isZero();
        assertThat(count("select count(*) from media_files where family_id = ?", f.familyId()))
                .isZero();
    }

    /**
     * Posts the bytes with the form and completes it. On a store whose forms forbid overwriting, 409
     * {@code FileAlreadyExists} means the bytes are still there: {@code complete} checks them; should they have gone
     * meanwhile ({@code object_not_found}), the form is posted once more, as a client does.
     */
    private String completeAfterRace(Map<String, Object> slot, byte[] bytes, String token, int round) {
        for (int attempt = 0; attempt < 2; attempt++) {
            int stored = upload(slot, bytes, "image/jpeg").status();
            if (formsForbidOverwrite()) {
                // 409 FileAlreadyExists: the bytes the deletion was about to remove are still there
                assertThat(stored).as("round %d: storage answer", round).isIn(200, 409);
            } else {
                assertThat(stored).as("round %d: storage answer", round).isEqualTo(200);
            }
            Answer done = complete(slot, token);
            if (done.status() == 200) {
                return done.text("id");
            }
            assertThat(done.text("code")).as("round %d: %s", round, done.body()).isEqualTo("object_not_found");
        }
        throw new AssertionError("round " + round + ": the upload form never completed");
    }

    @Test
    void deletingAnAlbum_queuesItsPendingSlotsKeys_andTheSweeperRemovesTheirBytes() throws Exception {
        Family f = family("album-delete");
        byte[] bytes = randomBytes(15_000);
        Map<String, Object> slot = prepareOne(f, f.albumB(), bytes);
        assertThat(upload(slot, bytes, "image/jpeg").status()).isEqualTo(200);
        String key = formKey(slot);

        assertThat(api().delete("/albums/" + f.albumB(), f.token()).status()).isEqualTo(204);
        assertThat(count("select count(*) from upload_slots where id = ?", slot.get("upload_id")))
                .isZero();
        assertThat(count("select count(*) from pending_deletions where object_key = ?", key))
                .isEqualTo(1);

        sweep();
        assertThat(stored(key)).isFalse();
        assertThat(count("select count(*) from pending_deletions where object_key = ?", key))
                .isZero();
        Answer complete = complete(slot, f.token());
        assertThat(complete.status()).isEqualTo(404);
        assertThat(complete.text("code")).isEqualTo("upload_not_found");
        assertThat(count("select count(*) from media_files where family_id = ?", f.familyId()))
                .isZero();
    }

    @Test
    void sweeper_neverRecordsForSomeoneNoLongerAMember_expiresTheSlotAndCleansTheObject() throws Exception {
        Family f = family("ex-member-owner");
        Api api = api();
        String code = api.post("/families/" + f.familyId() + "/invites", Map.of(), f.token())
                .text("code");
        String[] member = api.loginUser("ex-member");
        assertThat(api.post("/invites/" + code + "/accept", Map.of(), member[0]).status())
                .isEqualTo(200);
        Family asMember = new Family(member[0], member[1], f.familyId(), f.albumA(), f.albumB());
        byte[] bytes = randomBytes(18_000);
        Map<String, Object> slot = prepareOne(asMember, f.albumA(), bytes);
        assertThat(upload(slot, bytes, "image/jpeg").status()).isEqualTo(200);
        String key = formKey(slot);

        assertThat(api.delete("/families/" + f.familyId() + "/members/" + member[1], f.token())
                        .status())
                .isEqualTo(204);
        assertThat(complete(slot, member[0]).status()).isEqualTo(404);

        clock.advance(PAST_EXPIRY_AND_GRACE);
        sweep();
        assertThat(slotStatus(slot)).isEqualTo("EXPIRED");
        assertThat(stored(key)).isFalse();
        clock.advance(PAST_INCOMING_TTL);
        sweep();
        assertThat(count("select count(*) from media_files where family_id = ?", f.familyId()))
                .isZero();
    }
}
