package dev.directupload.bootstrap.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.bootstrap.support.Api;
import dev.directupload.bootstrap.support.Api.Answer;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile input on every upload-flow endpoint: each case answers its stable code with the right status,
 * and no photo, stored object or upload slot is recorded by it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    DataSource dataSource;

    private Api api;
    private String owner;
    private String ownerId;
    private String member;
    private String familyId;
    private String albumId;
    private String foreignAlbumId;
    private String foreignFamilyId;
    private String foreignPhotoId;
    private String memberUploadId;
    private String ownerUploadWithWrongBytes;
    private final byte[] bytes = UploadFlowScenarios.randomBytes(4096);

    /** One hostile request, what it must answer, and whether the answer is a per-item rejection. */
    record Case(String name, Function<HostileInputTest, Answer> request, int status, String code) {}

    @BeforeAll
    @SuppressWarnings("unchecked")
    void world() {
        api = new Api(client.toBlocking());
        String[] o = api.loginUser("hostile-owner");
        owner = o[0];
        ownerId = o[1];
        member = api.login("hostile-member");
        familyId = api.post("/families", Map.of("name", "Hostile"), owner).text("id");
        albumId = api.post("/families/" + familyId + "/albums", Map.of("name", "A"), owner)
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

    private String incoming(String user) {
        return "families/" + familyId + "/incoming/" + user + "/";
    }

    private static final String MD5 = "9e107d9d372bb6826bd81d3542a419d6";
    private static final String PER_ITEM = "per-item";

    List<Case> cases() {
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
                        t -> t.oneFile("a.jpg", new java.math.BigInteger("99999999999999999999"), "image/jpeg", MD5),
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
                        null),
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
                new Case(
                        "list: limit 0",
                        t -> t.api.get("/albums/" + t.albumId + "/photos?limit=0", t.owner),
                        400,
                        "invalid_limit"),
                new Case(
                        "list: limit 101",
                        t -> t.api.get("/albums/" + t.albumId + "/photos?limit=101", t.owner),
                        400,
                        "invalid_limit"),
                new Case(
                        "list: limit abc",
                        t -> t.api.get("/albums/" + t.albumId + "/photos?limit=abc", t.owner),
                        400,
                        "invalid_limit"),
                new Case(
                        "list: forged cursor",
                        t -> t.api.get("/albums/" + t.albumId + "/photos?cursor=Zm9v", t.owner),
                        400,
                        "invalid_cursor"),
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

    private long rows() throws Exception {
        try (var connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                var statement = connection.createStatement();
                var rs = statement.executeQuery("select (select count(*) from media_files) + "
                        + "(select count(*) from stored_objects) + (select count(*) from upload_slots) from families "
                        + "where 1 = 1 fetch first 1 rows only")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> hostileInput_isRefusedWithAStableCode_andRecordsNothing() {
        return cases().stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    long before = rows();
                    Answer answer = c.request().apply(this);
                    assertThat(answer.status())
                            .as("%s -> %s", c.name(), answer.body())
                            .isEqualTo(c.status());
                    if (c.code() != null && c.code().startsWith(PER_ITEM)) {
                        if (c.status() == 422) {
                            assertThat(answer.text("code")).isEqualTo("items_rejected");
                        }
                        List<Map<String, Object>> items =
                                (List<Map<String, Object>>) answer.body().get("items");
                        assertThat(items).singleElement().satisfies(item -> {
                            assertThat(item.get("status")).isEqualTo("rejected");
                            assertThat(item.get("code")).isEqualTo(c.code().substring(PER_ITEM.length() + 1));
                        });
                    } else if (c.code() != null) {
                        assertThat(answer.text("code")).isEqualTo(c.code());
                        assertThat(answer.text("message")).isNotBlank();
                    } else {
                        assertThat(answer.body()).containsKeys("code", "message");
                    }
                    assertThat(rows()).as("rows after " + c.name()).isEqualTo(before);
                }));
    }
}
