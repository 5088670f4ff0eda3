package dev.directupload.bootstrap.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.bootstrap.support.Api;
import dev.directupload.bootstrap.support.Api.Answer;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every endpoint × {no token, forged token, unsigned token, expired token, non-member, member, owner}: the status, and
 * that a refused call changed nothing the owner can see.
 */
@MicronautTest(transactional = false)
class AuthorizationMatrixTest {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String MD5 = "9e107d9d372bb6826bd81d3542a419d6";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    TokenGenerator tokens;

    enum Actor {
        NO_TOKEN,
        FORGED,
        UNSIGNED,
        EXPIRED,
        NON_MEMBER,
        MEMBER,
        OWNER
    }

    /** A fresh family per case: owner, member, outsider, an album, an empty album, a pending upload. */
    record World(
            String owner,
            String ownerId,
            String member,
            String memberId,
            String outsider,
            String familyId,
            String albumId,
            String emptyAlbumId,
            String inviteCode,
            String memberUploadId) {}

    /** One endpoint: how to call it in a world, and the status each actor must get. */
    record Endpoint(String name, Function<World, Call> call, Map<Actor, Integer> expected) {}

    /** A prepared call that can be made with any token. */
    interface Call {
        Answer as(Api api, String token);
    }

    private Api api() {
        return new Api(client.toBlocking());
    }

    private World world() {
        Api api = api();
        int n = SEQ.incrementAndGet();
        String[] owner = api.loginUser("owner" + n);
        String[] member = api.loginUser("member" + n);
        String outsider = api.login("outsider" + n);
        String familyId =
                api.post("/families", Map.of("name", "F" + n), owner[0]).text("id");
        String code = api.post("/families/" + familyId + "/invites", Map.of(), owner[0])
                .text("code");
        assertThat(api.post("/invites/" + code + "/accept", Map.of(), member[0]).status())
                .isEqualTo(200);
        String albumId = api.post("/families/" + familyId + "/albums", Map.of("name", "A"), owner[0])
                .text("id");
        String emptyAlbumId = api.post("/families/" + familyId + "/albums", Map.of("name", "E"), owner[0])
                .text("id");
        String inviteCode = api.post("/families/" + familyId + "/invites", Map.of(), owner[0])
                .text("code");
        Answer prepared = api.post(
                "/uploads",
                Map.of(
                        "family_id",
                        familyId,
                        "album_id",
                        albumId,
                        "files",
                        List.of(Map.of(
                                "client_ref", "0", "name", "a.jpg", "size", 10, "type", "image/jpeg", "md5", MD5))),
                member[0]);
        assertThat(prepared.status()).as(prepared.toString()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        String uploadId = ((List<Map<String, Object>>) prepared.body().get("items"))
                .get(0)
                .get("upload_id")
                .toString();
        return new World(
                owner[0],
                owner[1],
                member[0],
                member[1],
                outsider,
                familyId,
                albumId,
                emptyAlbumId,
                inviteCode,
                uploadId);
    }

    private static Map<Actor, Integer> expect(int nonMember, int member, int owner) {
        return Map.of(
                Actor.NO_TOKEN,
                401,
                Actor.FORGED,
                401,
                Actor.UNSIGNED,
                401,
                Actor.EXPIRED,
                401,
                Actor.NON_MEMBER,
                nonMember,
                Actor.MEMBER,
                member,
                Actor.OWNER,
                owner);
    }

    private List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("GET /families", w -> (api, t) -> api.get("/families", t), expect(200, 200, 200)),
                new Endpoint(
                        "POST /families",
                        w -> (api, t) -> api.post("/families", Map.of("name", "New"), t),
                        expect(201, 201, 201)),
                new Endpoint(
                        "GET /families/{id}",
                        w -> (api, t) -> api.get("/families/" + w.familyId(), t),
                        expect(404, 200, 200)),
                new Endpoint(
                        "POST /families/{id}/invites",
                        w -> (api, t) -> api.post("/families/" + w.familyId() + "/invites", Map.of(), t),
                        expect(404, 403, 201)),
                new Endpoint(
                        "POST /invites/{code}/accept",
                        w -> (api, t) -> api.post("/invites/" + w.inviteCode() + "/accept", Map.of(), t),
                        expect(200, 200, 200)),
                new Endpoint(
                        "DELETE /families/{id}/members/{owner}",
                        w -> (api, t) -> api.delete("/families/" + w.familyId() + "/members/" + w.ownerId(), t),
                        expect(404, 403, 409)),
                new Endpoint(
                        "DELETE /families/{id}/members/{member}",
                        w -> (api, t) -> api.delete("/families/" + w.familyId() + "/members/" + w.memberId(), t),
                        expect(404, 204, 204)),
                new Endpoint(
                        "POST /families/{id}/albums",
                        w -> (api, t) -> api.post("/families/" + w.familyId() + "/albums", Map.of("name", "B"), t),
                        expect(404, 201, 201)),
                new Endpoint(
                        "GET /families/{id}/albums",
                        w -> (api, t) -> api.get("/families/" + w.familyId() + "/albums", t),
                        expect(404, 200, 200)),
                new Endpoint(
                        "PATCH /albums/{id}",
                        w -> (api, t) -> api.patch("/albums/" + w.albumId(), Map.of("name", "Renamed"), t),
                        expect(404, 200, 200)),
                new Endpoint(
                        "DELETE /albums/{empty}",
                        w -> (api, t) -> api.delete("/albums/" + w.emptyAlbumId(), t),
                        expect(404, 204, 204)),
                new Endpoint(
                        "POST /uploads",
                        w -> (api, t) -> api.post(
                                "/uploads",
                                Map.of(
                                        "family_id",
                                        w.familyId(),
                                        "album_id",
                                        w.albumId(),
                                        "files",
                                        List.of(Map.of(
                                                "client_ref",
                                                "0",
                                                "name",
                                                "b.jpg",
                                                "size",
                                                11,
                                                "type",
                                                "image/jpeg",
                                                "md5",
                                                MD5.replace('9', '8')))),
                                t),
                        expect(404, 200, 200)),
                new Endpoint(
                        "POST /uploads/{member's}/complete",
                        w -> (api, t) -> api.post("/uploads/" + w.memberUploadId() + "/complete", Map.of(), t),
                        expect(404, 409, 404)));
    }

    private String tokenOf(Actor actor, World w) {
        return switch (actor) {
            case NO_TOKEN -> null;
            case FORGED -> forge(w.owner());
            case UNSIGNED -> unsigned(w.owner());
            case EXPIRED ->
                tokens.generateToken(Authentication.build(w.ownerId()), -60).orElseThrow();
            case NON_MEMBER -> w.outsider();
            case MEMBER -> w.member();
            case OWNER -> w.owner();
        };
    }

    /** The owner's token with its signature replaced: same claims, wrong key. */
    private static String forge(String token) {
        String[] parts = token.split("\\.");
        char[] signature = parts[2].toCharArray();
        signature[5] = signature[5] == 'A' ? 'B' : 'A';
        return parts[0] + "." + parts[1] + "." + new String(signature);
    }

    /** The owner's claims with {@code "alg":"none"} and no signature. */
    private static String unsigned(String token) {
        String header = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return header + "." + token.split("\\.")[1] + ".";
    }

    /** What the owner sees of the family: members, albums with names and counts. */
    private String visibleState(Api api, World w) {
        return api.get("/families/" + w.familyId(), w.owner()).body() + " | "
                + api.get("/families/" + w.familyId() + "/albums", w.owner()).body();
    }

    @TestFactory
    Stream<DynamicTest> matrix() {
        List<DynamicTest> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (Actor actor : Actor.values()) {
                cases.add(DynamicTest.dynamicTest(endpoint.name() + " as " + actor, () -> {
                    World w = world();
                    Api api = api();
                    String before = visibleState(api, w);
                    Answer answer = endpoint.call().apply(w).as(api, tokenOf(actor, w));
                    int expected = endpoint.expected().get(actor);
                    assertThat(answer.status())
                            .as("%s as %s: %s", endpoint.name(), actor, answer.body())
                            .isEqualTo(expected);
                    if (expected >= 400) {
                        assertThat(answer.body()).containsKeys("code", "message");
                        assertThat(visibleState(api, w))
                                .as("state after a refused call")
                                .isEqualTo(before);
                    }
                }));
            }
        }
        return cases.stream();
    }
}
