package dev.directupload.adapter.oss.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.OSS;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import dev.directupload.adapter.oss.OssProperties;
import dev.directupload.adapter.oss.testing.FakeOss;
import dev.directupload.application.port.out.storage.ListedObject;
import dev.directupload.application.port.out.storage.ListingCursor;
import dev.directupload.application.port.out.storage.ObjectPage;
import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.domain.storage.KeyPrefix;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ListObjectsV2 through the SDK against the OSS stand-in: the request it sends, ages, keys that are not ours. */
class OssListObjectsAdapterTest {

    private static final String BUCKET = "album-bucket";
    private static final KeyPrefix INCOMING = new KeyPrefix("families/f_1/incoming/");
    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    private FakeOss oss;
    private OSS client;
    private OssListObjectsAdapter adapter;

    @BeforeEach
    void start() throws Exception {
        oss = new FakeOss(BUCKET);
        OssProperties properties =
                new OssProperties(oss.endpoint(), "cn-hangzhou", BUCKET, null, "service-ak", "service-secret", null);
        client = properties.newClient(new DefaultCredentialProvider("service-ak", "service-secret"));
        adapter = new OssListObjectsAdapter(client, properties);
    }

    @AfterEach
    void stop() {
        client.shutdown();
        oss.close();
    }

    private void put(String key, Instant lastModified) {
        oss.put(
                key,
                new FakeOss.StoredObject(
                        new byte[] {1, 2, 3},
                        FakeOss.quotedMd5(new byte[] {1, 2, 3}),
                        "image/jpeg",
                        Map.of(),
                        lastModified));
    }

    @Test
    void aPage_asksForMaxKeysAfterTheCursor_andKeepsOnlyObjectsOlderThanTheCutoff() {
        put("families/f_1/incoming/u_1/a.jpg", T0.minusSeconds(3_600));
        put("families/f_1/incoming/u_1/b.jpg", T0.plusSeconds(1));
        put("families/f_1/incoming/u_2/c.jpg", T0.minusSeconds(1));
        put("families/f_1/objects/ab/d.jpg", T0.minusSeconds(3_600));

        ObjectPage first = adapter.listOlderThan(INCOMING, T0, 2, Optional.empty());
        ObjectPage second = adapter.listOlderThan(INCOMING, T0, 2, first.next());

        assertThat(first.objects()).extracting(o -> o.key().value()).containsExactly("families/f_1/incoming/u_1/a.jpg");
        assertThat(first.objects().get(0).lastModified()).isEqualTo(T0.minusSeconds(3_600));
        assertThat(first.objects().get(0).size().bytes()).isEqualTo(3);
        assertThat(first.next()).contains(new ListingCursor("families/f_1/incoming/u_1/b.jpg"));
        assertThat(second.objects())
                .extracting(o -> o.key().value())
                .containsExactly("families/f_1/incoming/u_2/c.jpg");
        assertThat(second.next()).isEmpty();
        FakeOss.Seen request = oss.seen().get(1);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.rawPath()).isIn("/" + BUCKET, "/" + BUCKET + "/");
        assertThat(request.rawQuery())
                .contains("list-type=2")
                .contains("max-keys=2")
                .contains("prefix=families%2Ff_1%2Fincoming%2F")
                .contains("start-after=families%2Ff_1%2Fincoming%2Fu_1%2Fb.jpg");
    }

    @Test
    void keysNoFormOfOursWrites_areSkipped_butTheListingGoesOnPastThem() {
        put("families/f_1/incoming/u_1/", T0.minusSeconds(60));
        put("families/f_1/incoming/u_1/../x.jpg", T0.minusSeconds(60));

        ObjectPage page = adapter.listOlderThan(INCOMING, T0, 1, Optional.empty());
        ObjectPage rest = adapter.listOlderThan(INCOMING, T0, 1, page.next());

        assertThat(page.objects()).isEmpty();
        assertThat(page.next()).contains(new ListingCursor("families/f_1/incoming/u_1/"));
        assertThat(rest.objects()).extracting(ListedObject::key).isEmpty();
        assertThat(rest.next()).isEmpty();
    }

    @Test
    void storeFailure_isStorageUnavailable() {
        oss.failWith(500, "InternalError");

        assertThatThrownBy(() -> adapter.listOlderThan(INCOMING, T0, 10, Optional.empty()))
                .isInstanceOfSatisfying(
                        DependencyUnavailableException.class,
                        e -> assertThat(e.code().wireName()).isEqualTo("storage_unavailable"));
    }
}
