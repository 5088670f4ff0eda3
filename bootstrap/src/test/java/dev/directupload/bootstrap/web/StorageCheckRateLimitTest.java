package dev.directupload.bootstrap.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.bootstrap.support.Api;
import dev.directupload.bootstrap.support.Api.Answer;
import dev.directupload.bootstrap.support.Multipart;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each storage check costs a HEAD on the store, so they are limited per user beside the signing bucket: one token per
 * {@code complete}, one per {@code POST /photos} item (items are counted, not requests).
 */
@MicronautTest(transactional = false)
@Property(name = "upload.rate-limit.check-capacity", value = "500")
@Property(name = "upload.rate-limit.check-per-minute", value = "1")
class StorageCheckRateLimitTest {

    @Inject
    @Client("/")
    HttpClient client;

    private static Map<String, Object> junkItem(String familyId, String albumId, int i) {
        return Map.of(
                "album_id",
                albumId,
                "family_id",
                familyId,
                "file_name",
                "junk-" + i + ".jpg",
                "file_path",
                albumId,
                "object_key",
                "elsewhere/junk-" + i + ".jpg",
                "file_type",
                "image",
                "file_size",
                1,
                "upload_time",
                1_700_000_000_000L,
                "hash_value",
                String.format("%032x", i));
    }

    private static Map<String, Object> photos(String familyId, String albumId, int count) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(junkItem(familyId, albumId, i));
        }
        return Map.of("data", items);
    }

    @Test
    @SuppressWarnings("unchecked")
    void completesAndPhotoItemsShareAPerUserBucket_countedByItem_besideSigning() {
        Api api = new Api(client.toBlocking());
        String token = api.login("checks-heavy");
        String familyId = api.post("/families", Map.of("name", "checks"), token).text("id");
        String albumId = api.post("/families/" + familyId + "/albums", Map.of("name", "A"), token)
                .text("id");
        byte[] bytes = "a small photo".getBytes();
        Map<String, Object> file = Map.of(
                "client_ref",
                "0",
                "name",
                "a.jpg",
                "size",
                bytes.length,
                "type",
                "image/jpeg",
                "md5",
                Multipart.md5(bytes));
        Answer prepared =
                api.post("/uploads", Map.of("family_id", familyId, "album_id", albumId, "files", List.of(file)), token);
        Map<String, Object> slot = ((List<Map<String, Object>>) prepared.body().get("items")).get(0);
        assertThat(Multipart.post(
                                slot.get("url").toString(),
                                (Map<String, Object>) slot.get("fields"),
                                "a.jpg",
                                bytes,
                                "image/jpeg")
                        .status())
                .isEqualTo(200);
        String complete = "/uploads/" + slot.get("upload_id") + "/complete";
        assertThat(api.post(complete, Map.of(), token).status()).isEqualTo(200);

        Answer batch = api.post("/photos", photos(familyId, albumId, 499), token);
        assertThat(batch.status())
                .as("499 junk items: checked and refused, each one counted")
                .isEqualTo(422);

        Answer again = api.post(complete, Map.of(), token);
        assertThat(again.status()).isEqualTo(429);
        assertThat(again.text("code")).isEqualTo("rate_limited");
        assertThat(again.header("Retry-After")).isNotNull();
        assertThat(Integer.parseInt(again.header("Retry-After"))).isBetween(1, 60);
        Answer one = api.post("/photos", photos(familyId, albumId, 1), token);
        assertThat(one.status()).isEqualTo(429);
        assertThat(one.text("code")).isEqualTo("rate_limited");

        assertThat(api.post("/photos", photos(familyId, albumId, 501), token).text("code"))
                .as("a batch over the per-request cap is refused for its size, uncounted")
                .isEqualTo("too_many_files");
        assertThat(api.post(
                                "/uploads",
                                Map.of("family_id", familyId, "album_id", albumId, "files", List.of(file)),
                                token)
                        .status())
                .as("signing has its own bucket")
                .isEqualTo(200);

        String other = api.login("checks-light");
        String otherFamily =
                api.post("/families", Map.of("name", "light"), other).text("id");
        String otherAlbum = api.post("/families/" + otherFamily + "/albums", Map.of("name", "B"), other)
                .text("id");
        assertThat(api.post("/photos", photos(otherFamily, otherAlbum, 1), other)
                        .status())
                .as("another user's checks are their own")
                .isEqualTo(422);
    }
}
