package dev.directupload.bootstrap.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.bootstrap.support.Api;
import dev.directupload.bootstrap.support.Api.Answer;
import dev.directupload.bootstrap.support.FakeWechat;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Login through a fake WeChat, invites and the last-owner rule, the rate limit, and bad input, over HTTP. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "upload.rate-limit.capacity", value = "5")
@Property(name = "upload.rate-limit.per-minute", value = "6")
@Property(name = "wechat.app-id", value = "wx-test-app")
@Property(name = "wechat.app-secret", value = "test-secret")
@Property(name = "wechat.timeout", value = "3s")
class IdentityApiTest implements TestPropertyProvider {

    private final FakeWechat fakeWechat = new FakeWechat();

    @Inject
    @Client("/")
    HttpClient client;

    private Api api() {
        return new Api(client.toBlocking());
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of("wechat.api-base-url", fakeWechat.baseUrl());
    }

    @AfterAll
    void stopFakeWechat() {
        fakeWechat.close();
    }

    @Test
    void wechatLogin_issuesAToken_andTheSameOpenIdIsTheSameUser() {
        Answer first = api().post("/auth/wechat/login", Map.of("code", "good-1"), null);
        Answer second = api().post("/auth/wechat/login", Map.of("code", "good-1"), null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("expires_in")).isEqualTo(7200);
        assertThat(((Map<?, ?>) first.body().get("user")).get("id"))
                .isEqualTo(((Map<?, ?>) second.body().get("user")).get("id"));
        assertThat(api().get("/families", first.text("token")).status()).isEqualTo(200);
    }

    @Test
    void wechatErrcode_is401WithTheErrcode() {
        Answer answer = api().post("/auth/wechat/login", Map.of("code", "bad"), null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.text("code")).isEqualTo("wechat_login_failed");
        assertThat(answer.text("message")).contains("40029");
    }

    @Test
    void wechatTimeout_is503() {
        Answer answer = api().post("/auth/wechat/login", Map.of("code", "slow"), null);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.text("code")).isEqualTo("wechat_unavailable");
    }

    @Test
    void missingCode_is400() {
        assertThat(api().post("/auth/wechat/login", Map.of(), null).status()).isEqualTo(400);
        assertThat(api().post("/auth/dev/login", Map.of("user", "a b"), null).text("code"))
                .isEqualTo("invalid_request");
    }

    @Test
    void invite_expiryIsShown_maxUsesEnforced_andReuseIsHarmless() {
        Api api = api();
        String owner = api.login("inv-owner");
        String family = api.post("/families", Map.of("name", "Invites"), owner).text("id");
        Answer invite = api.post("/families/" + family + "/invites", Map.of(), owner);
        assertThat(invite.body()).containsKeys("code", "expires_at").containsEntry("max_uses", 10);
        String code = invite.text("code");

        for (int i = 0; i < 10; i++) {
            String guest = api.login("inv-guest" + i);
            assertThat(api.post("/invites/" + code + "/accept", Map.of(), guest).text("role"))
                    .isEqualTo("member");
            assertThat(api.post("/invites/" + code + "/accept", Map.of(), guest).status())
                    .isEqualTo(200);
        }
        Answer eleventh = api.post("/invites/" + code + "/accept", Map.of(), api.login("inv-late"));

        assertThat(eleventh.status()).isEqualTo(409);
        assertThat(eleventh.text("code")).isEqualTo("invite_used_up");
        assertThat((List<?>) api.get("/families/" + family, owner).body().get("members"))
                .hasSize(11);
        assertThat(api.post("/invites/not-a-code/accept", Map.of(), owner).status())
                .isEqualTo(404);
    }

    @Test
    void lastOwner_cannotLeave() {
        Api api = api();
        String[] owner = api.loginUser("lo-owner");
        String family =
                api.post("/families", Map.of("name", "Owners"), owner[0]).text("id");

        Answer answer = api.delete("/families/" + family + "/members/" + owner[1], owner[0]);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.text("code")).isEqualTo("last_owner");
        assertThat((List<?>) api.get("/families/" + family, owner[0]).body().get("members"))
                .hasSize(1);
    }

    @Test
    void signingCalls_areRateLimited_withRetryAfter() {
        Api api = api();
        String user = api.login("rl-user");
        Map<String, Object> body = Map.of("family_id", "f_none", "album_id", "a_none", "files", List.of());
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/uploads", body, user).status()).isNotEqualTo(429);
        }
        Answer limited = api.post("/uploads", body, user);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.text("code")).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 10);
        assertThat(api.post("/uploads", body, api.login("rl-other")).status()).isNotEqualTo(429);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"name\":null}",
                "{\"name\":\"\"}",
                "{\"name\":\"   \"}",
                "{\"name\":123}",
                "{\"name\":[\"a\"]}",
                "{\"name\":{}}",
                "{\"name\":\"x\"",
                "not json",
                "[]"
            })
    void badFamilyNames_are400_andCreateNothing(String json) {
        Api api = api();
        String user = api.login("bad-input-" + Math.abs(json.hashCode()));

        Answer answer = api.postRaw("/families", json, user);

        assertThat(answer.status()).as(json + " -> " + answer.body()).isEqualTo(400);
        assertThat(answer.text("code")).isIn("invalid_name", "invalid_request");
        assertThat((List<?>) api.get("/families", user).body().get("items")).isEmpty();
    }

    @Test
    void oversizedNames_are400_invalidName_andCreateNothing() {
        Api api = api();
        String user = api.login("long-names");
        String family = api.post("/families", Map.of("name", "Ok"), user).text("id");

        Answer longFamily = api.post("/families", Map.of("name", "x".repeat(101)), user);
        Answer longAlbum = api.post("/families/" + family + "/albums", Map.of("name", "家".repeat(101)), user);
        Answer blankAlbum = api.post("/families/" + family + "/albums", Map.of("name", " "), user);

        assertThat(List.of(longFamily.status(), longAlbum.status(), blankAlbum.status()))
                .containsOnly(400);
        assertThat(longAlbum.text("code")).isEqualTo("invalid_name");
        assertThat((List<?>) api.get("/families", user).body().get("items")).hasSize(1);
        assertThat((List<?>)
                        api.get("/families/" + family + "/albums", user).body().get("items"))
                .isEmpty();
    }
}
