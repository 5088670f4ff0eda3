package dev.directupload.bootstrap.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.ListObjectsPort;
import dev.directupload.application.port.out.storage.ListedObject;
import dev.directupload.application.port.out.storage.ListingCursor;
import dev.directupload.application.port.out.storage.ObjectPage;
import dev.directupload.bootstrap.support.Api;
import dev.directupload.bootstrap.support.Api.Answer;
import dev.directupload.bootstrap.support.Multipart;
import dev.directupload.domain.storage.KeyPrefix;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Hostile input on every endpoint a client writes through (and the anonymous logins): each case answers its stable code with the right status,
 * and changes nothing — no user, family, membership, invite, album, photo, stored object, upload slot or queued
 * deletion is created or changed (every row of those tables is compared), and no object in the store is created or
 * changed (every key with its size, MD5, type and modification time is compared; only bytes no record points at may
 * be cleaned away). The batch cases carry a valid item next to the hostile one: a bad time refuses the whole request
 * before anything is written. {@link #controls_theValidItemsOfTheMixedBatchesAreWritable_andBoundaryTimesRoundTrip}
 * shows that those valid items would have been written.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Property(name = "upload.rate-limit.capacity", value = "1000")
@Property(name = "micronaut.http.client.read-timeout", value = "60s")
class HostileInputTest {

    /** Everything a hostile request could create or change, table by table. */
    private static final List<String> TABLES = List.of(
            "users",
            "families",
            "memberships",
            "invites",
            "albums",
            "stored_objects",
            "media_files",
            "upload_slots",
            "pending_deletions");

    private static final String MD5 = "9e107d9d372bb6826bd81d3542a419d6";
    private static final String PER_ITEM = "per-item";
    private static final String SURROGATE = "\\ud800"; // a JSON escape of an unpaired UTF-16 surrogate

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    DataSource dataSource;

    @Inject
    ListObjectsPort storeListing;

    @Inject
    InspectObjectPort storeInspection;

    @Inject
    ObjectMapper json;

    private Api api;
    private String owner;
    private String ownerId;
    private String member;
    private String familyId;
    private String albumId;
    private String emptyAlbumId;
    private String foreignAlbumId;
    private String foreignFamilyId;
    private String foreignPhotoId;
    private String memberUploadId;
    private String ownerUploadWithWrongBytes;
    private final byte[] bytes = UploadFlowScenarios.randomBytes(4096);
    /** Verified in the owner's family: preparing them again is 秒传, which records a photo at once. */
    private final byte[] ownBytes = UploadFlowScenarios.randomBytes(5000);
    /** Posted under the owner's incoming prefix and not yet recorded: POST /photos would record them. */
    private final byte[] readyBytes = UploadFlowScenarios.randomBytes(6144);

    private String readyKey;

    /** One hostile request and what it must answer ({@code PER_ITEM:code} for a rejection inside a batch answer). */
    record Case(String name, Function<HostileInputTest, Answer> request, int status, String code) {}

    @BeforeAll
    void world() {
        api = new Api(client.toBlocking());
        String[] o = api.loginUser("hostile-owner");
        owner = o[0];
        ownerId = o[1];
        member = api.login("hostile-member");
        familyId = api.post("/families", Map.of("name", "Hostile"), owner).text("id");
        albumId = api.post("/families/" + familyId + "/albums", Map.of("name", "A"), owner)
                .text("id");
        emptyAlbumId = api.post("/families/" + familyId + "/albums", Map.of("name", "Empty"), owner)
                .text("id");
        String code =
                api.post("/families/" + familyId + "/invites", Map.of(), owner).text("code");
        api.post("/invites/" + code + "/accept", Map.of(), member);

        String stranger = api.login("hostile-stranger");
        foreignFamilyId =
                api.post("/families", Map.of("name", "Other"), stranger).text("id");
        foreignAlbumId = api.post("/families/" + foreignFamilyId + "/albums", Map.of("name", "B"), stranger)
                .text("id");
        Map<String, Object> slot = prepare(stranger, foreignFamilyId, foreignAlbumId, bytes);
        UploadFlowScenarios.upload(slot, bytes, "image/jpeg");
        foreignPhotoId = api.post("/uploads/" + slot.get("upload_id") + "/complete", Map.of(), stranger)
                .text("id");

        Map<String, Object> own = prepare(owner, familyId, albumId, ownBytes);
        UploadFlowScenarios.upload(own, ownBytes, "image/jpeg");
        assertThat(api.post("/uploads/" + own.get("upload_id") + "/complete", Map.of(), owner)
                        .status())
                .isEqualTo(200);

        readyKey = incoming(ownerId) + "ready.jpg";
        postUnderPrefix(readyKey, readyBytes);

        memberUploadId =
                prepare(member, familyId, albumId, bytes).get("upload_id").toString();
        byte[] declared = UploadFlowScenarios.randomBytes(2048);
        Map<String, Object> wrong = prepare(owner, familyId, albumId, declared);
        UploadFlowScenarios.upload(wrong, UploadFlowScenarios.randomBytes(2048), "image/jpeg");
        ownerUploadWithWrongBytes = wrong.get("upload_id").toString();
    }

    private Map<String, Object> prepare(String token, String family, String album, byte[] content) {
        return UploadFlowScenarios.items(api.post(
                        "/uploads",
                        Map.of(
                                "family_id",
                                family,
                                "album_id",
                                album,
                                "files",
                                List.of(UploadFlowScenarios.file("0", "x.jpg", content, "image/jpeg"))),
                        token))
                .get(0);
    }

    /** An article-style upload: the prefix signature's form, posted to {@code key}. */
    private void postUnderPrefix(String key, byte[] content) {
        Answer signature = api.get("/families/oss/signature?family_id=" + familyId + "&file_path=" + albumId, owner);
        assertThat(signature.status()).isEqualTo(200);
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("key", key);
        form.put("policy", signature.text("policy"));
        form.put("x-oss-signature-version", signature.text("signature_version"));
        form.put("x-oss-credential", signature.text("credential"));
        form.put("x-oss-date", signature.text("date"));
        form.put("x-oss-signature", signature.text("signature"));
        form.put("x-oss-security-token", signature.text("security_token"));
        form.put("success_action_status", "200");
        assertThat(Multipart.post(signature.text("host"), form, "p.jpg", content, "image/jpeg")
                        .status())
                .isEqualTo(200);
    }

    // ---- request builders ----

    private Answer uploads(Object files) {
        Map<String, Object> body = new HashMap<>();
        body.put("family_id", familyId);
        body.put("album_id", albumId);
        body.put("files", files);
        return api.post("/uploads", body, owner);
    }

    private Answer oneFile(String name, Object size, String type, Object md5) {
        Map<String, Object> file = new HashMap<>();
        file.put("client_ref", "0");
        file.put("name", name);
        file.put("size", size);
        file.put("type", type);
        file.put("md5", md5);
        return uploads(List.of(file));
    }

    /** A valid new file (it would get an upload slot) with {@code field} set to {@code value} (null included). */
    private Map<String, Object> newFile(String ref, String field, Object value) {
        Map<String, Object> file = new HashMap<>(
                UploadFlowScenarios.file(ref, "n.jpg", UploadFlowScenarios.randomBytes(100), "image/jpeg"));
        if (field != null) {
            file.put(field, value);
        }
        return file;
    }

    private Answer fileWith(String field, Object value) {
        return uploads(List.of(newFile("0", field, value)));
    }

    private Answer photos(String path, String md5, long kb) {
        Map<String, Object> item = new HashMap<>(Map.of(
                "album_id",
                albumId,
                "family_id",
                familyId,
                "file_name",
                "p.jpg",
                "file_path",
                path,
                "file_type",
                "image",
                "file_size",
                kb,
                "upload_time",
                1769673600000L,
                "hash_value",
                md5));
        return api.post("/photos", Map.of("data", List.of(item)), owner);
    }

    /** The item that would record the ready upload, with {@code field} set to {@code value} (null included). */
    private Map<String, Object> readyItem(String field, Object value) {
        Map<String, Object> item = new HashMap<>(Map.of(
                "album_id",
                albumId,
                "family_id",
                familyId,
                "file_name",
                "ready.jpg",
                "file_path",
                readyKey,
                "file_type",
                "image",
                "file_size",
                readyBytes.length / 1024,
                "upload_time",
                1769673600000L,
                "hash_value",
                Multipart.md5(readyBytes)));
        if (field != null) {
            item.put(field, value);
        }
        return item;
    }

    private Answer readyWith(String field, Object value) {
        return api.post("/photos", Map.of("data", List.of(readyItem(field, value))), owner);
    }

    private Answer raw(String uri, String body) {
        return api.postRaw(uri, body, owner);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code object} as JSON with {@code "key": rawValue} added once more, after everything else. */
    private String withRepeatedKey(Map<String, Object> object, String key, String rawValue) {
        String text = toJson(object);
        return text.substring(0, text.length() - 1) + ",\"" + key + "\":" + rawValue + "}";
    }

    private String uploadsBody(Map<String, Object> file) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("family_id", familyId);
        body.put("album_id", albumId);
        body.put("files", List.of(file));
        return toJson(body);
    }

    private Answer list(String query) {
        return api.get("/albums/" + albumId + "/photos?" + query, owner);
    }

    private static String cursor(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String incoming(String user) {
        return "families/" + familyId + "/incoming/" + user + "/";
    }

    // ---- the cases ----

    List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.addAll(originalCases());
        cases.addAll(timeCases());
        cases.addAll(cursorAndLimitCases());
        cases.addAll(numberAndTypeCases());
        cases.addAll(duplicateKeyCases());
        cases.addAll(textCases());
        cases.addAll(sizeAndShapeCases());
        cases.addAll(idCases());
        cases.addAll(bodyIdCases());
        cases.addAll(trailingContentCases());
        cases.addAll(loginCases());
        return cases;
    }

    /** The suite's first 47 cases. */
    private List<Case> originalCases() {
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(Map.of("client_ref", "r" + i, "name", "a.jpg", "size", 1, "type", "image/jpeg", "md5", MD5));
        }
        return List.of(
                new Case(
                        "uploads: malformed JSON",
                        t -> t.api.postRaw("/uploads", "{\"family_id\":", t.owner),
                        400,
                        "invalid_request"),
                new Case("uploads: files is a string", t -> t.uploads("nope"), 400, "invalid_request"),
                new Case(
                        "uploads: size is a string",
                        t -> t.oneFile("a.jpg", "12", "image/jpeg", MD5),
                        400,
                        "invalid_request"),
                new Case(
                        "uploads: size is a fraction",
                        t -> t.oneFile("a.jpg", 1.5, "image/jpeg", MD5),
                        400,
                        "invalid_request"),
                new Case(
                        "uploads: md5 is a number",
                        t -> t.oneFile("a.jpg", 12, "image/jpeg", 12345),
                        400,
                        "invalid_request"),
                new Case(
                        "uploads: missing family_id",
                        t -> t.api.post("/uploads", Map.of("album_id", t.albumId, "files", List.of()), t.owner),
                        400,
                        "invalid_request"),
                new Case(
                        "uploads: missing files",
                        t -> t.api.post("/uploads", Map.of("family_id", t.familyId, "album_id", t.albumId), t.owner),
                        400,
                        "invalid_request"),
                new Case("uploads: no files", t -> t.uploads(List.of()), 400, "invalid_request"),
                new Case("uploads: 501 files", t -> t.uploads(tooMany), 400, "too_many_files"),
                new Case(
                        "uploads: negative size",
                        t -> t.oneFile("a.jpg", -1, "image/jpeg", MD5),
                        200,
                        PER_ITEM + ":invalid_size"),
                new Case(
                        "uploads: zero size",
                        t -> t.oneFile("a.jpg", 0, "image/jpeg", MD5),
                        200,
                        PER_ITEM + ":invalid_size"),
                new Case(
                        "uploads: oversize image",
                        t -> t.oneFile("a.jpg", 52428801L, "image/jpeg", MD5),
                        200,
                        PER_ITEM + ":file_too_large"),
                new Case(
                        "uploads: size beyond any long",
                        t -> t.oneFile("a.jpg", new BigInteger("99999999999999999999"), "image/jpeg", MD5),
                        400,
                        "invalid_request"),
                new Case(
                        "uploads: non-hex md5",
                        t -> t.oneFile("a.jpg", 10, "image/jpeg", "z".repeat(32)),
                        200,
                        PER_ITEM + ":invalid_md5"),
                new Case(
                        "uploads: short md5",
                        t -> t.oneFile("a.jpg", 10, "image/jpeg", "abc"),
                        200,
                        PER_ITEM + ":invalid_md5"),
                new Case(
                        "uploads: html as jpg",
                        t -> t.oneFile("a.jpg", 10, "text/html", MD5),
                        200,
                        PER_ITEM + ":type_not_allowed"),
                new Case(
                        "uploads: extension disagrees with type",
                        t -> t.oneFile("a.png", 10, "image/jpeg", MD5),
                        200,
                        PER_ITEM + ":type_not_allowed"),
                new Case(
                        "uploads: path in the name",
                        t -> t.oneFile("../../a.jpg", 10, "image/jpeg", MD5),
                        200,
                        PER_ITEM + ":invalid_name"),
                new Case(
                        "uploads: unknown album",
                        t -> t.api.post(
                                "/uploads",
                                Map.of(
                                        "family_id",
                                        t.familyId,
                                        "album_id",
                                        "a_nope",
                                        "files",
                                        List.of(Map.of("name", "a.jpg", "size", 1, "type", "image/jpeg", "md5", MD5))),
                                t.owner),
                        404,
                        "album_not_found"),
                new Case(
                        "uploads: another family's album",
                        t -> t.api.post(
                                "/uploads",
                                Map.of(
                                        "family_id",
                                        t.familyId,
                                        "album_id",
                                        t.foreignAlbumId,
                                        "files",
                                        List.of(Map.of("name", "a.jpg", "size", 1, "type", "image/jpeg", "md5", MD5))),
                                t.owner),
                        404,
                        "album_not_found"),
                new Case(
                        "uploads: a family the caller is not in",
                        t -> t.api.post(
                                "/uploads",
                                Map.of(
                                        "family_id",
                                        t.foreignFamilyId,
                                        "album_id",
                                        t.foreignAlbumId,
                                        "files",
                                        List.of(Map.of("name", "a.jpg", "size", 1, "type", "image/jpeg", "md5", MD5))),
                                t.owner),
                        404,
                        "family_not_found"),
                new Case(
                        "complete: someone else's upload_id",
                        t -> t.api.post("/uploads/" + t.memberUploadId + "/complete", Map.of(), t.owner),
                        404,
                        "upload_not_found"),
                new Case(
                        "complete: path-like upload_id",
                        t -> t.api.post("/uploads/..%2F..%2Fx/complete", Map.of(), t.owner),
                        404,
                        "upload_not_found"),
                new Case(
                        "complete: bytes do not match the claimed md5",
                        t -> t.api.post("/uploads/" + t.ownerUploadWithWrongBytes + "/complete", Map.of(), t.owner),
                        409,
                        "upload_verification_failed"),
                new Case(
                        "signature: missing file_path",
                        t -> t.api.get("/families/oss/signature?family_id=" + t.familyId, t.owner),
                        400,
                        "invalid_request"),
                new Case(
                        "signature: album of another family",
                        t -> t.api.get(
                                "/families/oss/signature?family_id=" + t.familyId + "&file_path=" + t.foreignAlbumId,
                                t.owner),
                        404,
                        "album_not_found"),
                new Case(
                        "signature: a family the caller is not in",
                        t -> t.api.get(
                                "/families/oss/signature?family_id=" + t.foreignFamilyId + "&file_path="
                                        + t.foreignAlbumId,
                                t.owner),
                        404,
                        "family_not_found"),
                new Case(
                        "hash/check: 1001 hashes",
                        t -> t.api.post(
                                "/hash/check",
                                Map.of("family_id", t.familyId, "hashes", Collections.nCopies(1001, MD5)),
                                t.owner),
                        400,
                        "too_many_hashes"),
                new Case(
                        "hash/check: non-hex",
                        t -> t.api.post(
                                "/hash/check", Map.of("family_id", t.familyId, "hashes", List.of("xyz")), t.owner),
                        400,
                        "invalid_md5"),
                new Case(
                        "hash/check: no hashes",
                        t -> t.api.post("/hash/check", Map.of("family_id", t.familyId, "hashes", List.of()), t.owner),
                        400,
                        "invalid_request"),
                new Case(
                        "hash/check: hashes is an object",
                        t -> t.api.postRaw(
                                "/hash/check", "{\"family_id\":\"" + t.familyId + "\",\"hashes\":{}}", t.owner),
                        400,
                        "invalid_request"),
                new Case(
                        "hash/check: another family",
                        t -> t.api.post(
                                "/hash/check", Map.of("family_id", t.foreignFamilyId, "hashes", List.of(MD5)), t.owner),
                        404,
                        "family_not_found"),
                new Case(
                        "photos: '..' in file_path",
                        t -> t.photos(t.incoming(t.ownerId) + "../../objects/x.jpg", MD5, 1),
                        422,
                        PER_ITEM + ":invalid_object_key"),
                new Case(
                        "photos: absolute file_path",
                        t -> t.photos("/" + t.incoming(t.ownerId) + "x.jpg", MD5, 1),
                        422,
                        PER_ITEM + ":invalid_object_key"),
                new Case(
                        "photos: file_path in another family",
                        t -> t.photos("families/" + t.foreignFamilyId + "/incoming/" + t.ownerId + "/x.jpg", MD5, 1),
                        422,
                        PER_ITEM + ":key_not_allowed"),
                new Case(
                        "photos: another member's prefix",
                        t -> t.photos(t.incoming("u_someone") + "x.jpg", MD5, 1),
                        422,
                        PER_ITEM + ":key_not_allowed"),
                new Case(
                        "photos: the content-addressed area",
                        t -> t.photos("families/" + t.familyId + "/objects/9e/" + MD5 + ".jpg", MD5, 1),
                        422,
                        PER_ITEM + ":key_not_allowed"),
                new Case(
                        "photos: nothing uploaded there",
                        t -> t.photos(t.incoming(t.ownerId) + "missing.jpg", MD5, 1),
                        422,
                        PER_ITEM + ":object_not_found"),
                new Case(
                        "photos: 501 items",
                        t -> t.api.post(
                                "/photos", Map.of("data", Collections.nCopies(501, Map.of("file_path", "x"))), t.owner),
                        400,
                        "too_many_files"),
                new Case(
                        "photos: malformed JSON",
                        t -> t.api.postRaw("/photos", "{\"data\":[{]}", t.owner),
                        400,
                        "invalid_request"),
                new Case("list: limit 0", t -> t.list("limit=0"), 400, "invalid_limit"),
                new Case("list: limit 101", t -> t.list("limit=101"), 400, "invalid_limit"),
                new Case("list: limit abc", t -> t.list("limit=abc"), 400, "invalid_limit"),
                new Case("list: forged cursor", t -> t.list("cursor=Zm9v"), 400, "invalid_cursor"),
                new Case(
                        "list: another family's album",
                        t -> t.api.get("/albums/" + t.foreignAlbumId + "/photos", t.owner),
                        404,
                        "album_not_found"),
                new Case(
                        "delete: another family's photo",
                        t -> t.api.delete("/photos/" + t.foreignPhotoId, t.owner),
                        404,
                        "photo_not_found"),
                new Case(
                        "delete: unknown photo", t -> t.api.delete("/photos/p_nope", t.owner), 404, "photo_not_found"));
    }

    /** captured_at and upload_time: outside 1970-9999, or not an ISO-8601 string; batches refused whole. */
    private List<Case> timeCases() {
        return List.of(
                new Case(
                        "uploads: captured_at in year 10000",
                        t -> t.fileWith("captured_at", "+10000-01-01T00:00:00Z"),
                        400,
                        "invalid_time"),
                new Case(
                        "uploads: captured_at before 1970",
                        t -> t.fileWith("captured_at", "1969-12-31T23:59:59Z"),
                        400,
                        "invalid_time"),
                new Case(
                        "uploads: captured_at at the end of Java's time range",
                        t -> t.fileWith("captured_at", Instant.MAX.toString()),
                        400,
                        "invalid_time"),
                new Case(
                        "uploads: captured_at at the start of Java's time range",
                        t -> t.fileWith("captured_at", Instant.MIN.toString()),
                        400,
                        "invalid_time"),
                new Case(
                        "uploads: captured_at as epoch milliseconds",
                        t -> t.fileWith("captured_at", 1769673600000L),
                        400,
                        "invalid_request"),
                new Case(
                        "uploads: captured_at as 1e300", t -> t.fileWith("captured_at", 1e300), 400, "invalid_request"),
                new Case(
                        "uploads: captured_at without a zone",
                        t -> t.fileWith("captured_at", "2026-01-28T08:00:00"),
                        400,
                        "invalid_request"),
                new Case(
                        "uploads: captured_at as an object",
                        t -> t.fileWith("captured_at", Map.of("seconds", 1)),
                        400,
                        "invalid_request"),
                new Case(
                        "uploads: a 秒传 file, then a file from year 10000",
                        t -> t.api.post(
                                "/uploads",
                                Map.of(
                                        "family_id",
                                        t.familyId,
                                        "album_id",
                                        t.emptyAlbumId,
                                        "files",
                                        List.of(
                                                UploadFlowScenarios.file("0", "own.jpg", t.ownBytes, "image/jpeg"),
                                                t.newFile("1", "captured_at", "+10000-01-01T00:00:00Z"))),
                                t.owner),
                        400,
                        "invalid_time"),
                new Case(
                        "uploads: a new file, then a file from 1969",
                        t -> t.uploads(List.of(
                                t.newFile("0", null, null), t.newFile("1", "captured_at", "1969-07-20T20:17:40Z"))),
                        400,
                        "invalid_time"),
                new Case("photos: upload_time before 1970", t -> t.readyWith("upload_time", -1L), 400, "invalid_time"),
                new Case(
                        "photos: upload_time after year 9999",
                        t -> t.readyWith("upload_time", 253402300800000L),
                        400,
                        "invalid_time"),
                new Case(
                        "photos: upload_time at Long.MAX_VALUE",
                        t -> t.readyWith("upload_time", Long.MAX_VALUE),
                        400,
                        "invalid_time"),
                new Case(
                        "photos: upload_time as a string",
                        t -> t.readyWith("upload_time", "1769673600000"),
                        400,
                        "invalid_request"),
                new Case(
                        "photos: a recordable item, then one with upload_time before 1970",
                        t -> t.api.post(
                                "/photos",
                                Map.of(
                                        "data",
                                        List.of(t.readyItem(null, null), t.readyItem("upload_time", Long.MIN_VALUE))),
                                t.owner),
                        400,
                        "invalid_time"));
    }

    /** Page cursors and limits: only what the service issued, only plain digits 1-100. */
    private List<Case> cursorAndLimitCases() {
        return List.of(
                new Case(
                        "list: cursor in year 10000",
                        t -> t.list("cursor=" + cursor("253402300800:0:p_x")),
                        400,
                        "invalid_cursor"),
                new Case(
                        "list: cursor at the end of Java's time range",
                        t -> t.list("cursor=" + cursor(Instant.MAX.getEpochSecond() + ":0:p_x")),
                        400,
                        "invalid_cursor"),
                new Case(
                        "list: cursor before 1970", t -> t.list("cursor=" + cursor("-1:0:p_x")), 400, "invalid_cursor"),
                new Case(
                        "list: cursor whose seconds overflow a long",
                        t -> t.list("cursor=" + cursor("99999999999999999999:0:p_x")),
                        400,
                        "invalid_cursor"),
                new Case(
                        "list: cursor with a trillion nanoseconds",
                        t -> t.list("cursor=" + cursor("1769673600:1000000000000:p_x")),
                        400,
                        "invalid_cursor"),
                new Case(
                        "list: cursor with a path for an id",
                        t -> t.list("cursor=" + cursor("1769673600:0:../../x")),
                        400,
                        "invalid_cursor"),
                new Case(
                        "list: cursor that is not base64url",
                        t -> t.list("cursor=" + encoded("a+b/c==")),
                        400,
                        "invalid_cursor"),
                new Case("list: limit -1", t -> t.list("limit=-1"), 400, "invalid_limit"),
                new Case("list: limit 2^31", t -> t.list("limit=2147483648"), 400, "invalid_limit"),
                new Case("list: limit with a plus sign", t -> t.list("limit=" + encoded("+5")), 400, "invalid_limit"),
                new Case(
                        "list: limit in full-width digits", t -> t.list("limit=" + encoded("５")), 400, "invalid_limit"),
                new Case("list: limit in exponent form", t -> t.list("limit=1e1"), 400, "invalid_limit"));
    }

    /** Sizes and other numbers at the edges of a long, and values of the wrong JSON type. */
    private List<Case> numberAndTypeCases() {
        return List.of(
                new Case(
                        "uploads: size Long.MAX_VALUE",
                        t -> t.fileWith("size", Long.MAX_VALUE),
                        200,
                        PER_ITEM + ":file_too_large"),
                new Case(
                        "uploads: size Long.MIN_VALUE",
                        t -> t.fileWith("size", Long.MIN_VALUE),
                        200,
                        PER_ITEM + ":invalid_size"),
                new Case("uploads: size null", t -> t.fileWith("size", null), 200, PER_ITEM + ":invalid_size"),
                new Case(
                        "uploads: size in exponent form",
                        t -> t.raw(
                                "/uploads",
                                t.uploadsBody(t.newFile("0", null, null)).replace("\"size\":100", "\"size\":1E2")),
                        400,
                        "invalid_request"),
                new Case("uploads: size true", t -> t.fileWith("size", true), 400, "invalid_request"),
                new Case(
                        "uploads: size of 2000 digits",
                        t -> t.raw(
                                "/uploads",
                                t.uploadsBody(t.newFile("0", null, null))
                                        .replace("\"size\":100", "\"size\":" + "9".repeat(2000))),
                        400,
                        "invalid_request"),
                new Case(
                        "photos: file_size negative",
                        t -> t.readyWith("file_size", -1L),
                        422,
                        PER_ITEM + ":invalid_size"),
                new Case("photos: file_size 1.5", t -> t.readyWith("file_size", 1.5), 400, "invalid_request"),
                new Case(
                        "photos: file_size null",
                        t -> t.readyWith("file_size", null),
                        422,
                        PER_ITEM + ":invalid_request"),
                new Case(
                        "uploads: family_id a number",
                        t -> t.api.post(
                                "/uploads",
                                Map.of(
                                        "family_id",
                                        42,
                                        "album_id",
                                        t.albumId,
                                        "files",
                                        List.of(t.newFile("0", null, null))),
                                t.owner),
                        400,
                        "invalid_request"),
                new Case(
                        "uploads: album_id an object",
                        t -> t.api.post(
                                "/uploads",
                                Map.of(
                                        "family_id",
                                        t.familyId,
                                        "album_id",
                                        Map.of("id", t.albumId),
                                        "files",
                                        List.of(t.newFile("0", null, null))),
                                t.owner),
                        400,
                        "invalid_request"),
                new Case("uploads: a file that is a number", t -> t.uploads(List.of(7)), 400, "invalid_request"),
                new Case(
                        "uploads: a valid file, then a null one",
                        t -> t.uploads(java.util.Arrays.asList(t.newFile("0", null, null), null)),
                        400,
                        "invalid_request"),
                new Case(
                        "uploads: client_ref of 65 characters",
                        t -> t.fileWith("client_ref", "r".repeat(65)),
                        400,
                        "invalid_request"),
                new Case(
                        "uploads: one client_ref for two files",
                        t -> t.uploads(List.of(t.newFile("same", null, null), t.newFile("same", null, null))),
                        400,
                        "invalid_request"),
                new Case("uploads: body is JSON null", t -> t.raw("/uploads", "null"), 400, "invalid_request"),
                new Case("uploads: body is an array", t -> t.raw("/uploads", "[]"), 400, "invalid_request"),
                new Case(
                        "photos: data is an object",
                        t -> t.api.post("/photos", Map.of("data", t.readyItem(null, null)), t.owner),
                        400,
                        "invalid_request"),
                new Case(
                        "photos: an item that is null",
                        t -> t.raw("/photos", "{\"data\":[null]}"),
                        422,
                        PER_ITEM + ":invalid_request"),
                new Case(
                        "photos: no items",
                        t -> t.api.post("/photos", Map.of("data", List.of()), t.owner),
                        400,
                        "invalid_request"),
                new Case(
                        "hash/check: a null hash",
                        t -> t.raw("/hash/check", "{\"family_id\":\"" + t.familyId + "\",\"hashes\":[null]}"),
                        400,
                        "invalid_md5"),
                new Case(
                        "hash/check: a number for a hash",
                        t -> t.api.post("/hash/check", Map.of("family_id", t.familyId, "hashes", List.of(1)), t.owner),
                        400,
                        "invalid_request"),
                new Case(
                        "hash/check: no family_id",
                        t -> t.api.post("/hash/check", Map.of("hashes", List.of(MD5)), t.owner),
                        400,
                        "invalid_request"));
    }

    /** A key twice in one object: parsers disagree on which wins, so the service takes neither. */
    private List<Case> duplicateKeyCases() {
        return List.of(
                new Case(
                        "uploads: family_id twice, the second another family's",
                        t -> {
                            Map<String, Object> body = new LinkedHashMap<>();
                            body.put("family_id", t.familyId);
                            body.put("album_id", t.albumId);
                            body.put("files", List.of(t.newFile("0", null, null)));
                            return t.raw(
                                    "/uploads", t.withRepeatedKey(body, "family_id", "\"" + t.foreignFamilyId + "\""));
                        },
                        400,
                        "invalid_request"),
                new Case(
                        "uploads: size twice in one file",
                        t -> t.raw(
                                "/uploads",
                                t.uploadsBody(t.newFile("0", null, null))
                                        .replace("\"size\":100", "\"size\":100,\"size\":99999999999")),
                        400,
                        "invalid_request"),
                new Case(
                        "photos: file_path twice",
                        t -> t.raw(
                                "/photos",
                                "{\"data\":["
                                        + t.withRepeatedKey(
                                                t.readyItem(null, null),
                                                "file_path",
                                                "\"families/" + t.foreignFamilyId + "/objects/x.jpg\"")
                                        + "]}"),
                        400,
                        "invalid_request"),
                new Case(
                        "families: name twice",
                        t -> t.raw("/families", "{\"name\":\"Innocent\",\"name\":\"Evil\"}"),
                        400,
                        "invalid_request"));
    }

    /** Control characters, broken Unicode, path tricks and smuggled headers in names, types and keys. */
    private List<Case> textCases() {
        String ready = "families/%s/incoming/%s/";
        return List.of(
                new Case(
                        "uploads: NUL in the name",
                        t -> t.fileWith("name", "a\0.jpg"),
                        200,
                        PER_ITEM + ":invalid_name"),
                new Case(
                        "uploads: newline in the name",
                        t -> t.fileWith("name", "a\nb.jpg"),
                        200,
                        PER_ITEM + ":invalid_name"),
                new Case(
                        "uploads: Windows path in the name",
                        t -> t.fileWith("name", "..\\..\\a.jpg"),
                        200,
                        PER_ITEM + ":invalid_name"),
                new Case(
                        "uploads: unpaired surrogate in the name",
                        t -> t.raw(
                                "/uploads",
                                t.uploadsBody(t.newFile("0", null, null))
                                        .replace("\"n.jpg\"", "\"n" + SURROGATE + ".jpg\"")),
                        400,
                        "invalid_request"),
                new Case(
                        "uploads: NUL after the type",
                        t -> t.fileWith("type", "image/jpeg\0"),
                        200,
                        PER_ITEM + ":type_not_allowed"),
                new Case(
                        "uploads: header smuggled in the type",
                        t -> t.fileWith("type", "image/jpeg\r\nX-Oss-Forbid-Overwrite: false"),
                        200,
                        PER_ITEM + ":type_not_allowed"),
                new Case(
                        "uploads: SVG (it runs scripts) as an image",
                        t -> t.uploads(List.of(Map.of(
                                "client_ref", "0", "name", "a.svg", "size", 10, "type", "image/svg+xml", "md5", MD5))),
                        200,
                        PER_ITEM + ":type_not_allowed"),
                new Case(
                        "uploads: a name that is only an extension",
                        t -> t.fileWith("name", ".jpg"),
                        200,
                        PER_ITEM + ":type_not_allowed"),
                new Case(
                        "families: unpaired surrogate in the name",
                        t -> t.raw("/families", "{\"name\":\"Wang" + SURROGATE + "\"}"),
                        400,
                        "invalid_request"),
                new Case(
                        "families: control character in the name",
                        t -> t.api.post("/families", Map.of("name", "Wang\u001b[31m"), t.owner),
                        400,
                        "invalid_name"),
                new Case(
                        "albums: 101 emoji for a name",
                        t -> t.api.post(
                                "/families/" + t.familyId + "/albums", Map.of("name", "😀".repeat(101)), t.owner),
                        400,
                        "invalid_name"),
                new Case(
                        "albums: rename to blanks",
                        t -> t.api.patch("/albums/" + t.albumId, Map.of("name", " \t "), t.owner),
                        400,
                        "invalid_name"),
                new Case(
                        "photos: NUL in file_path",
                        t -> t.readyWith("file_path", t.readyKey + "\0.jpg"),
                        422,
                        PER_ITEM + ":invalid_object_key"),
                new Case(
                        "photos: backslash in file_path",
                        t -> t.readyWith("file_path", t.incoming(t.ownerId) + "..\\..\\objects\\x.jpg"),
                        422,
                        PER_ITEM + ":invalid_object_key"),
                new Case(
                        "photos: empty segment in file_path",
                        t -> t.readyWith("file_path", t.incoming(t.ownerId) + "/ready.jpg"),
                        422,
                        PER_ITEM + ":invalid_object_key"),
                new Case(
                        "photos: './' segment in file_path",
                        t -> t.readyWith("file_path", t.incoming(t.ownerId) + "./ready.jpg"),
                        422,
                        PER_ITEM + ":invalid_object_key"),
                new Case(
                        "photos: line separator in file_path",
                        t -> t.readyWith("file_path", t.incoming(t.ownerId) + "a\u2028b.jpg"),
                        422,
                        PER_ITEM + ":invalid_object_key"),
                new Case(
                        "photos: file_path over 1023 bytes",
                        t -> t.readyWith("file_path", t.incoming(t.ownerId) + "中".repeat(400) + ".jpg"),
                        422,
                        PER_ITEM + ":invalid_object_key"),
                new Case(
                        "photos: unpaired surrogate in file_path",
                        t -> t.raw(
                                "/photos",
                                "{\"data\":["
                                        + t.toJson(t.readyItem(null, null))
                                                .replace("/ready.jpg\"", "/ready" + SURROGATE + ".jpg\"")
                                        + "]}"),
                        400,
                        "invalid_request"),
                new Case(
                        "photos: percent-encoded '..' is just a name",
                        t -> t.readyWith(
                                "file_path", String.format(ready, t.familyId, t.ownerId) + "..%2F..%2Fready.jpg"),
                        422,
                        PER_ITEM + ":object_not_found"),
                new Case(
                        "photos: '/' in file_name",
                        t -> t.readyWith("file_name", "../ready.jpg"),
                        422,
                        PER_ITEM + ":invalid_name"),
                new Case(
                        "photos: file_type 'document'",
                        t -> t.readyWith("file_type", "document"),
                        422,
                        PER_ITEM + ":type_not_allowed"),
                new Case(
                        "photos: object_key naming another object",
                        t -> t.readyWith("object_key", "families/" + t.familyId + "/objects/x.jpg"),
                        422,
                        PER_ITEM + ":invalid_object_key"));
    }

    /** Very long values and bodies of the wrong size, depth or type. */
    private List<Case> sizeAndShapeCases() {
        return List.of(
                new Case(
                        "uploads: name of 10,000 characters",
                        t -> t.fileWith("name", "a".repeat(10_000) + ".jpg"),
                        200,
                        PER_ITEM + ":invalid_name"),
                new Case(
                        "uploads: type of 10,000 characters",
                        t -> t.fileWith("type", "image/" + "j".repeat(10_000)),
                        200,
                        PER_ITEM + ":type_not_allowed"),
                new Case(
                        "uploads: md5 of 10,000 characters",
                        t -> t.fileWith("md5", "a".repeat(10_000)),
                        200,
                        PER_ITEM + ":invalid_md5"),
                new Case(
                        "families: name of 100,000 characters",
                        t -> t.api.post("/families", Map.of("name", "w".repeat(100_000)), t.owner),
                        400,
                        "invalid_name"),
                new Case(
                        "uploads: body over 1 MiB",
                        t -> t.fileWith("name", "a".repeat(1_100_000) + ".jpg"),
                        413,
                        "request_too_large"),
                new Case(
                        "uploads: arrays nested 2,000 deep",
                        t -> t.raw("/uploads", "{\"family_id\":" + "[".repeat(2000) + "]".repeat(2000) + "}"),
                        400,
                        "invalid_request"),
                new Case(
                        "uploads: NaN for a size",
                        t -> t.raw(
                                "/uploads",
                                t.uploadsBody(t.newFile("0", null, null)).replace("\"size\":100", "\"size\":NaN")),
                        400,
                        "invalid_request"),
                new Case(
                        "uploads: JSON sent as text/plain",
                        t -> t.api.call(
                                HttpRequest.POST("/uploads", t.uploadsBody(t.newFile("0", null, null)))
                                        .contentType("text/plain"),
                                t.owner),
                        415,
                        "unsupported_media_type"));
    }

    /** Ids in paths and query strings that name nothing: answered as unknown. */
    private List<Case> idCases() {
        return List.of(
                new Case(
                        "complete: upload id of 65 characters",
                        t -> t.api.post("/uploads/up_" + "a".repeat(62) + "/complete", Map.of(), t.owner),
                        404,
                        "upload_not_found"),
                new Case(
                        "complete: emoji upload id",
                        t -> t.api.post("/uploads/" + encoded("up_😀") + "/complete", Map.of(), t.owner),
                        404,
                        "upload_not_found"),
                new Case(
                        "signature: album id of 3,000 characters",
                        t -> t.api.get(
                                "/families/oss/signature?family_id=" + t.familyId + "&file_path=" + "a".repeat(3000),
                                t.owner),
                        404,
                        "album_not_found"),
                new Case(
                        "signature: family id with a path",
                        t -> t.api.get(
                                "/families/oss/signature?family_id=" + encoded("../" + t.familyId) + "&file_path="
                                        + t.albumId,
                                t.owner),
                        404,
                        "family_not_found"),
                new Case(
                        "invites: accept a code with a path",
                        t -> t.api.post("/invites/" + encoded("../../families") + "/accept", Map.of(), t.owner),
                        404,
                        "invite_not_found"),
                new Case(
                        "members: remove a user id with NUL",
                        t -> t.api.delete("/families/" + t.familyId + "/members/" + encoded("u_x\0"), t.owner),
                        404,
                        "member_not_found"));
    }

    /** Ids in a JSON body are input, not addresses: a malformed one is 400 {@code invalid_id}. */
    private List<Case> bodyIdCases() {
        return List.of(
                new Case(
                        "uploads: family_id with a path in the body",
                        t -> t.api.post(
                                "/uploads",
                                Map.of(
                                        "family_id",
                                        "../" + t.familyId,
                                        "album_id",
                                        t.albumId,
                                        "files",
                                        List.of(t.newFile("0", null, null))),
                                t.owner),
                        400,
                        "invalid_id"),
                new Case(
                        "uploads: album_id of 65 characters in the body",
                        t -> t.api.post(
                                "/uploads",
                                Map.of(
                                        "family_id",
                                        t.familyId,
                                        "album_id",
                                        "a".repeat(65),
                                        "files",
                                        List.of(t.newFile("0", null, null))),
                                t.owner),
                        400,
                        "invalid_id"),
                new Case(
                        "uploads: empty family_id in the body",
                        t -> t.api.post(
                                "/uploads",
                                Map.of(
                                        "family_id",
                                        "",
                                        "album_id",
                                        t.albumId,
                                        "files",
                                        List.of(t.newFile("0", null, null))),
                                t.owner),
                        400,
                        "invalid_id"),
                new Case(
                        "hash/check: family_id with a space in the body",
                        t -> t.api.post(
                                "/hash/check", Map.of("family_id", t.familyId + " x", "hashes", List.of(MD5)), t.owner),
                        400,
                        "invalid_id"),
                new Case(
                        "photos: family_id with a path in an item",
                        t -> t.readyWith("family_id", "../" + t.familyId),
                        422,
                        PER_ITEM + ":invalid_id"));
    }

    /** A body is one JSON document: anything after it refuses the request, nothing created. */
    private List<Case> trailingContentCases() {
        return List.of(
                new Case(
                        "families: text after the JSON document",
                        t -> t.raw("/families", "{\"name\":\"x\"} xyz"),
                        400,
                        "invalid_request"),
                new Case(
                        "families: a second JSON document",
                        t -> t.raw("/families", "{\"name\":\"x\"}\n{\"name\":\"y\"}"),
                        400,
                        "invalid_request"),
                new Case(
                        "albums: text after the JSON document",
                        t -> t.raw("/families/" + t.familyId + "/albums", "{\"name\":\"x\"}]"),
                        400,
                        "invalid_request"),
                new Case(
                        "uploads: a valid batch, then more",
                        t -> t.raw("/uploads", t.uploadsBody(t.newFile("0", null, null)) + " {}"),
                        400,
                        "invalid_request"),
                new Case(
                        "photos: a valid batch, then more",
                        t -> t.raw("/photos", t.toJson(Map.of("data", List.of(t.readyItem(null, null)))) + "x"),
                        400,
                        "invalid_request"),
                new Case(
                        "login: text after the JSON document",
                        t -> t.api.postRaw("/auth/dev/login", "{\"user\":\"trailing-eve\"} 1", null),
                        400,
                        "invalid_request"));
    }

    /** The anonymous logins: refused before any user is made (or WeChat is called). */
    private List<Case> loginCases() {
        return List.of(
                new Case(
                        "login: WeChat code of 129 characters",
                        t -> t.api.post("/auth/wechat/login", Map.of("code", "c".repeat(129)), null),
                        400,
                        "invalid_request"),
                new Case(
                        "login: dev user with a path",
                        t -> t.api.post("/auth/dev/login", Map.of("user", "../admin"), null),
                        400,
                        "invalid_request"),
                new Case(
                        "login: dev user with an unpaired surrogate",
                        t -> t.api.postRaw("/auth/dev/login", "{\"user\":\"eve" + SURROGATE + "\"}", null),
                        400,
                        "invalid_request"));
    }

    // ---- what must not change ----

    /** Every row of {@link #TABLES} and every object in the store, with what identifies its bytes. */
    record World(Map<String, List<String>> rows, Map<String, String> objects) {}

    private World snapshot() throws Exception {
        Map<String, List<String>> rows = new TreeMap<>();
        try (var connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                var statement = connection.createStatement()) {
            for (String table : TABLES) {
                List<String> lines = new ArrayList<>();
                try (var rs = statement.executeQuery("select * from " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder line = new StringBuilder();
                        for (int c = 1; c <= columns; c++) {
                            line.append(rs.getMetaData().getColumnName(c))
                                    .append('=')
                                    .append(rs.getString(c))
                                    .append(';');
                        }
                        lines.add(line.toString());
                    }
                }
                Collections.sort(lines);
                rows.put(table, lines);
            }
        }
        Map<String, String> objects = new TreeMap<>();
        Optional<ListingCursor> after = Optional.empty();
        do {
            ObjectPage page = storeListing.listOlderThan(
                    KeyPrefix.allFamilies(), Instant.now().plusSeconds(3600), ListObjectsPort.MAX_LIMIT, after);
            for (ListedObject object : page.objects()) {
                String metadata = storeInspection
                        .inspect(object.key())
                        .map(m -> m.size() + " " + m.md5() + " " + m.contentType())
                        .orElse("gone");
                objects.put(object.key().value(), metadata + " " + object.lastModified());
            }
            after = page.next();
        } while (after.isPresent());
        return new World(rows, objects);
    }

    /** Keys some photo or stored object points at. */
    private static List<String> recordedKeys(World world) {
        List<String> keys = new ArrayList<>();
        for (String table : List.of("stored_objects", "media_files")) {
            for (String row : world.rows().get(table)) {
                String tail =
                        row.substring(row.toLowerCase(Locale.ROOT).indexOf("object_key=") + "object_key=".length());
                keys.add(tail.substring(0, tail.indexOf(';')));
            }
        }
        return keys;
    }

    private static void assertNothingChanged(String name, World before, World after) {
        assertThat(after.rows()).as("rows after " + name).isEqualTo(before.rows());
        Map<String, String> kept = new TreeMap<>(before.objects());
        kept.keySet().retainAll(after.objects().keySet());
        assertThat(after.objects())
                .as("objects after %s: none created or changed", name)
                .isEqualTo(kept);
        List<String> removed = new ArrayList<>(before.objects().keySet());
        removed.removeAll(after.objects().keySet());
        assertThat(removed)
                .as("objects removed by %s: only bytes nothing records", name)
                .doesNotContainAnyElementsOf(recordedKeys(before));
    }

    @TestFactory
    @Order(1)
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> hostileInput_isRefusedWithAStableCode_andChangesNothing() {
        return cases().stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    World before = snapshot();
                    Answer answer = c.request().apply(this);
                    assertThat(answer.status())
                            .as("%s -> %s", c.name(), answer.body())
                            .isEqualTo(c.status());
                    if (c.code().startsWith(PER_ITEM)) {
                        if (c.status() == 422) {
                            assertThat(answer.text("code")).isEqualTo("items_rejected");
                        }
                        List<Map<String, Object>> items =
                                (List<Map<String, Object>>) answer.body().get("items");
                        assertThat(items).as(c.name()).singleElement().satisfies(item -> {
                            assertThat(item.get("status")).isEqualTo("rejected");
                            assertThat(item.get("code")).isEqualTo(c.code().substring(PER_ITEM.length() + 1));
                            assertThat(item.get("message")).asString().isNotBlank();
                        });
                    } else {
                        assertThat(answer.text("code"))
                                .as("%s -> %s", c.name(), answer.body())
                                .isEqualTo(c.code());
                        assertThat(answer.text("message"))
                                .as("%s: a plain message, no internals", c.name())
                                .isNotBlank()
                                .doesNotContain("dev.directupload", "Failed to convert", "java.");
                    }
                    assertNothingChanged(c.name(), before, snapshot());
                }));
    }

    /**
     * The valid items of the mixed batches above are writable (so "nothing changed" there was the refusal's doing), and
     * times at both ends of the accepted range are stored and read back exactly (years past 2262 used to overflow).
     */
    @Test
    @Order(2)
    @SuppressWarnings("unchecked")
    void controls_theValidItemsOfTheMixedBatchesAreWritable_andBoundaryTimesRoundTrip() {
        String latest = "9999-12-31T23:59:59.999999Z";
        Answer instant = api.post(
                "/uploads",
                Map.of(
                        "family_id",
                        familyId,
                        "album_id",
                        emptyAlbumId,
                        "files",
                        List.of(new HashMap<>(Map.of(
                                "client_ref",
                                "0",
                                "name",
                                "own.jpg",
                                "size",
                                ownBytes.length,
                                "type",
                                "image/jpeg",
                                "md5",
                                Multipart.md5(ownBytes),
                                "captured_at",
                                latest)))),
                owner);
        Map<String, Object> item = UploadFlowScenarios.items(instant).get(0);
        assertThat(item).containsEntry("status", "instant");
        assertThat((Map<String, Object>) item.get("photo")).containsEntry("captured_at", latest);
        List<Map<String, Object>> listed = (List<Map<String, Object>>)
                api.get("/albums/" + emptyAlbumId + "/photos", owner).body().get("items");
        assertThat(listed).singleElement().satisfies(photo -> assertThat(photo).containsEntry("captured_at", latest));

        Map<String, Object> slot = UploadFlowScenarios.items(
                        uploads(List.of(newFile("0", "captured_at", "1970-01-01T00:00:00Z"))))
                .get(0);
        assertThat(slot).containsEntry("status", "upload");

        Answer recorded =
                api.post("/photos", Map.of("data", List.of(readyItem("upload_time", 253402300799999L))), owner);
        assertThat(recorded.status()).as(String.valueOf(recorded.body())).isEqualTo(200);
        assertThat(((List<Map<String, Object>>) recorded.body().get("items")).get(0))
                .containsEntry("status", "created");
    }
}
