package dev.directupload.bootstrap.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.bootstrap.support.Api;
import dev.directupload.bootstrap.support.Api.Answer;
import dev.directupload.bootstrap.support.Multipart;
import dev.directupload.domain.storage.ObjectKey;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What the end-to-end scenario classes share: an HTTP client of the running service, users with a family and two
 * albums, real multipart uploads, and read-only looks at the database and the store to check outcomes.
 */
abstract class HttpScenarios {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    DataSource dataSource;

    @Inject
    InspectObjectPort storage;

    /** True when users log in through development login (local store), false for WeChat login. */
    abstract boolean devLogin();

    Api api() {
        return new Api(client.toBlocking(), devLogin());
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

    String text(String sql, Object... args) throws Exception {
        try (var connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    long count(String sql, Object... args) throws Exception {
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

    /** True when storage holds an object at the key (asked with the service's own identity). */
    boolean stored(String key) {
        return storage.inspect(new ObjectKey(key)).isPresent();
    }

    /** Every photo of the album, following the cursor through all pages. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> listAll(Api api, String albumId, String token) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            Answer page = api.get(
                    "/albums/" + albumId + "/photos?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), token);
            assertThat(page.status()).as(String.valueOf(page.body())).isEqualTo(200);
            all.addAll((List<Map<String, Object>>) page.body().get("items"));
            cursor = page.text("next_cursor");
        } while (cursor != null);
        return all;
    }

    /** Asserts that each listed photo's presigned URL serves exactly the bytes of its MD5. */
    static void assertServed(List<Map<String, Object>> photos, Map<String, byte[]> bytesByMd5) {
        for (Map<String, Object> photo : photos) {
            var download = Multipart.get(photo.get("url").toString());
            assertThat(download.statusCode()).as("GET " + photo.get("id")).isEqualTo(200);
            assertThat(download.body())
                    .as("bytes of " + photo.get("id"))
                    .isEqualTo(bytesByMd5.get(photo.get("md5").toString()));
        }
    }

    /** A logged-in user with a family and two albums. */
    record Family(String token, String userId, String familyId, String albumA, String albumB) {}

    Family family(String user) {
        Api api = api();
        String[] login = api.loginUser(user);
        String familyId = api.post("/families", Map.of("name", user + " family"), login[0])
                .text("id");
        String a = api.post("/families/" + familyId + "/albums", Map.of("name", "A"), login[0])
                .text("id");
        String b = api.post("/families/" + familyId + "/albums", Map.of("name", "B"), login[0])
                .text("id");
        return new Family(login[0], login[1], familyId, a, b);
    }
}
