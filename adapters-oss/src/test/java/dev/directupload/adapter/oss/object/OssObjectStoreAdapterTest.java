package dev.directupload.adapter.oss.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.aliyun.oss.OSS;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import dev.directupload.adapter.oss.OssProperties;
import dev.directupload.adapter.oss.testing.FakeOss;
import dev.directupload.adapter.oss.testing.V4Reference;
import dev.directupload.application.port.model.DownloadUrl;
import dev.directupload.application.port.out.storage.ObjectMetadata;
import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.storage.ObjectKey;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** HEAD, delete and presigned GET through the SDK against a local OSS stand-in, checking the requests it sends. */
class OssObjectStoreAdapterTest {

    private static final String BUCKET = "album-bucket";
    private static final ObjectKey KEY = new ObjectKey("families/f_1/objects/9e/9e107d9d372bb6826bd81d3542a419d6.jpg");
    private static final byte[] CONTENT = "hello, oss".getBytes(StandardCharsets.UTF_8);

    private FakeOss oss;
    private OSS client;
    private OssObjectStoreAdapter adapter;

    @BeforeEach
    void start() throws Exception {
        oss = new FakeOss(BUCKET);
        OssProperties properties = new OssProperties(
                oss.endpoint(), "oss-cn-hangzhou", BUCKET, null, "service-ak", "service-secret", null);
        client = properties.newClient(new DefaultCredentialProvider("service-ak", "service-secret"));
        adapter = new OssObjectStoreAdapter(client, properties, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        client.shutdown();
        oss.close();
    }

    @Test
    void givenSinglePartObject_inspect_returnsSizeMd5AndType() {
        oss.put(KEY.value(), new FakeOss.StoredObject(CONTENT, "\"9E107D9D372BB6826BD81D3542A419D6\"", "image/jpeg"));

        Optional<ObjectMetadata> found = adapter.inspect(KEY);

        assertThat(found)
                .contains(new ObjectMetadata(
                        KEY,
                        ByteSize.ofBytes(CONTENT.length),
                        Optional.of(ContentHash.ofMd5("9e107d9d372bb6826bd81d3542a419d6")),
                        Optional.of("image/jpeg")));
        FakeOss.Seen head = oss.seen().get(0);
        assertThat(head.method()).isEqualTo("HEAD");
        assertThat(head.rawPath()).isEqualTo("/album-bucket/" + KEY.value());
        String today =
                DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(Instant.now());
        assertThat(head.header("Authorization"))
                .startsWith("OSS4-HMAC-SHA256 Credential=service-ak/")
                .contains("/cn-hangzhou/oss/aliyun_v4_request")
                .doesNotContain("oss-cn-hangzhou")
                .containsPattern("Signature=[0-9a-f]{64}");
        assertThat(head.header("x-oss-date")).matches("\\d{8}T\\d{6}Z");
        assertThat(head.header("x-oss-date").substring(0, 8))
                .isIn(
                        today,
                        DateTimeFormatter.ofPattern("yyyyMMdd")
                                .withZone(ZoneOffset.UTC)
                                .format(Instant.now().minusSeconds(60)));
        assertThat(head.header("x-oss-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
    }

    @Test
    void givenMultipartEtag_inspect_reportsNoMd5() {
        oss.put(KEY.value(), new FakeOss.StoredObject(CONTENT, "\"3858F62230AC3C915F300C664312C63F-3\"", "video/mp4"));
        assertThat(adapter.inspect(KEY)).hasValueSatisfying(m -> {
            assertThat(m.md5()).isEmpty();
            assertThat(m.holds(new FileContent(
                            ContentHash.ofMd5("3858f62230ac3c915f300c664312c63f"), ByteSize.ofBytes(CONTENT.length))))
                    .isFalse();
        });
    }

    @Test
    void givenMissingObject_inspect_isEmpty() {
        assertThat(adapter.inspect(KEY)).isEmpty();
        assertThat(oss.seen()).hasSize(1);
    }

    @Test
    void givenAccessDenied_inspect_isStorageUnavailable_namingOssOnly_andLogsOssAnswerAtWarn() {
        oss.failWith(403, "AccessDenied");
        Logger logger = (Logger) LoggerFactory.getLogger(OssFailures.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            assertThatThrownBy(() -> adapter.inspect(KEY))
                    .isInstanceOfSatisfying(
                            DependencyUnavailableException.class,
                            e -> assertThat(e.code().wireName()).isEqualTo("storage_unavailable"))
                    .hasMessage("OSS is unavailable");
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("HEAD " + KEY.value(), "AccessDenied");
        });
    }

    @Test
    void givenStorageDown_everyCall_isStorageUnavailable() {
        oss.close();
        assertThatThrownBy(() -> adapter.inspect(KEY))
                .isInstanceOfSatisfying(
                        DependencyUnavailableException.class,
                        e -> assertThat(e.code().wireName()).isEqualTo("storage_unavailable"));
        assertThatThrownBy(() -> adapter.delete(KEY))
                .isInstanceOfSatisfying(
                        DependencyUnavailableException.class,
                        e -> assertThat(e.code().wireName()).isEqualTo("storage_unavailable"));
    }

    @Test
    void delete_removesTheObjectAndIsIdempotent() {
        oss.put(KEY.value(), new FakeOss.StoredObject(CONTENT, "\"9E107D9D372BB6826BD81D3542A419D6\"", "image/jpeg"));
        adapter.delete(KEY);
        assertThat(oss.contains(KEY.value())).isFalse();
        adapter.delete(KEY);
        assertThat(oss.seen()).extracting(FakeOss.Seen::method).containsExactly("DELETE", "DELETE");
        assertThat(oss.seen()).extracting(FakeOss.Seen::rawPath).containsOnly("/album-bucket/" + KEY.value());
    }

    @Test
    void givenNoSuchKeyError_delete_succeeds_butOtherErrorsDoNot() {
        oss.failWith(404, "NoSuchKey");
        adapter.delete(KEY);
        oss.failWith(403, "AccessDenied");
        assertThatThrownBy(() -> adapter.delete(KEY))
                .isInstanceOfSatisfying(
                        DependencyUnavailableException.class,
                        e -> assertThat(e.code().wireName()).isEqualTo("storage_unavailable"));
    }

    @Test
    void presignedGet_isAValidV4UrlTheStoreServes() throws Exception {
        ObjectKey key = new ObjectKey("families/f_1/photos/测试 file+1.jpg");
        oss.put(key.value(), new FakeOss.StoredObject(CONTENT, "\"9E107D9D372BB6826BD81D3542A419D6\"", "image/jpeg"));
        Instant before = Instant.now();

        DownloadUrl url = adapter.presign(key, Duration.ofMinutes(10));

        assertThat(url.expiresAt())
                .isBetween(before.plusSeconds(599), Instant.now().plusSeconds(600));
        assertThat(url.url())
                .startsWith(oss.endpoint() + "/album-bucket/families/f_1/photos/"
                        + "%E6%B5%8B%E8%AF%95%20file%2B1.jpg?x-oss-date=");
        Map<String, String> query = query(URI.create(url.url()).getRawQuery());
        assertThat(query.keySet())
                .containsExactly(
                        "x-oss-date",
                        "x-oss-expires",
                        "x-oss-signature-version",
                        "x-oss-credential",
                        "x-oss-signature");
        assertThat(Long.parseLong(query.get("x-oss-expires"))).isBetween(598L, 600L);
        String canonical = V4Reference.presignCanonicalRequest("GET", BUCKET, key.value(), query);
        String stringToSign = V4Reference.presignStringToSign(query.get("x-oss-date"), "cn-hangzhou", canonical);
        assertThat(query.get("x-oss-signature"))
                .isEqualTo(V4Reference.presignSignature(
                        "service-secret", "cn-hangzhou", query.get("x-oss-date"), stringToSign));

        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url.url())).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(CONTENT);
    }

    @Test
    void presign_refusesTtlsOssDoesNotAccept() {
        assertThatThrownBy(() -> adapter.presign(KEY, Duration.ofDays(7).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> adapter.presign(KEY, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            out.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
