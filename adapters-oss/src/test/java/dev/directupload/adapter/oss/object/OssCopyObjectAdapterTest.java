package dev.directupload.adapter.oss.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.OSS;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import dev.directupload.adapter.oss.OssProperties;
import dev.directupload.adapter.oss.testing.FakeOss;
import dev.directupload.application.port.out.storage.ObjectMetadata;
import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.storage.ObjectKey;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Copies through the SDK against the OSS stand-in, checking the requests: one CopyObject, or a multipart copy. */
class OssCopyObjectAdapterTest {

    private static final String BUCKET = "album-bucket";
    private static final ObjectKey SOURCE = new ObjectKey("families/f_1/staging/up_1.mp4");
    private static final ObjectKey TARGET =
            new ObjectKey("families/f_1/objects/9e/9e107d9d372bb6826bd81d3542a419d6.mp4");

    private FakeOss oss;
    private OSS client;
    private OssProperties properties;

    @BeforeEach
    void start() throws Exception {
        oss = new FakeOss(BUCKET);
        properties =
                new OssProperties(oss.endpoint(), "cn-hangzhou", BUCKET, null, "service-ak", "service-secret", null);
        client = properties.newClient(new DefaultCredentialProvider("service-ak", "service-secret"));
    }

    @AfterEach
    void stop() {
        client.shutdown();
        oss.close();
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static ContentHash md5(byte[] content) throws Exception {
        return ContentHash.ofMd5(
                HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)));
    }

    private static String unquoted(String etag) {
        return etag.substring(1, etag.length() - 1);
    }

    /** Copies at or above 1,000 bytes go in parts of 300 bytes. */
    private OssCopyObjectAdapter smallThreshold() {
        return new OssCopyObjectAdapter(client, BUCKET, 1_000, 300);
    }

    private Optional<ObjectMetadata> inspect(ObjectKey key) {
        return new OssObjectStoreAdapter(client, properties, Clock.systemUTC()).inspect(key);
    }

    private List<FakeOss.Seen> copyRequests() {
        return oss.seen().stream().filter(s -> !s.method().equals("HEAD")).toList();
    }

    @Test
    void belowTheThreshold_oneCopyObject_conditionalOnTheSourceEtag_keepsEtagAndType() throws Exception {
        byte[] content = random(999);
        oss.put(SOURCE.value(), FakeOss.StoredObject.uploaded(content, "video/mp4"));

        Optional<ObjectMetadata> copied = smallThreshold().copy(SOURCE, TARGET);

        assertThat(copied)
                .contains(new ObjectMetadata(
                        TARGET, ByteSize.ofBytes(999), Optional.of(md5(content)), Optional.of("video/mp4")));
        assertThat(copyRequests()).hasSize(1);
        FakeOss.Seen put = copyRequests().get(0);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.rawPath()).isEqualTo("/" + BUCKET + "/" + TARGET.value());
        assertThat(URLDecoder.decode(put.header("x-oss-copy-source"), StandardCharsets.UTF_8))
                .isEqualTo("/" + BUCKET + "/" + SOURCE.value());
        assertThat(put.header("x-oss-copy-source-if-match")).isEqualTo(unquoted(FakeOss.quotedMd5(content)));
        assertThat(oss.get(TARGET.value()).etag()).isEqualTo(FakeOss.quotedMd5(content));
        assertThat(oss.get(TARGET.value()).content()).isEqualTo(content);
    }

    @Test
    void atTheThreshold_copiesInRangedParts_recordsTheMd5AsMetadata_andInspectReportsIt() throws Exception {
        byte[] content = random(1_000);
        oss.put(SOURCE.value(), FakeOss.StoredObject.uploaded(content, "video/mp4"));

        Optional<ObjectMetadata> copied = smallThreshold().copy(SOURCE, TARGET);

        ObjectMetadata expected = new ObjectMetadata(
                TARGET, ByteSize.ofBytes(1_000), Optional.of(md5(content)), Optional.of("video/mp4"));
        assertThat(copied).contains(expected);
        assertThat(copyRequests())
                .extracting(s -> s.method() + " "
                        + (s.rawQuery() == null ? "" : s.rawQuery().replaceAll("uploadId=[0-9A-F]+", "uploadId=U")))
                .containsExactly(
                        "POST uploads",
                        "PUT partNumber=1&uploadId=U",
                        "PUT partNumber=2&uploadId=U",
                        "PUT partNumber=3&uploadId=U",
                        "PUT partNumber=4&uploadId=U",
                        "POST uploadId=U");
        assertThat(copyRequests().subList(1, 5))
                .extracting(s -> s.header("x-oss-copy-source-range"))
                .containsExactly("bytes=0-299", "bytes=300-599", "bytes=600-899", "bytes=900-999");
        assertThat(copyRequests().subList(1, 5))
                .extracting(s -> s.header("x-oss-copy-source-if-match"))
                .containsOnly(unquoted(FakeOss.quotedMd5(content)));
        assertThat(copyRequests().get(0).header("x-oss-meta-content-md5"))
                .isEqualTo(md5(content).md5());
        FakeOss.StoredObject target = oss.get(TARGET.value());
        assertThat(target.content()).isEqualTo(content);
        assertThat(target.etag()).endsWith("-4\"");
        assertThat(target.userMetadata())
                .containsEntry("content-md5", md5(content).md5());
        assertThat(inspect(TARGET)).contains(expected);
        assertThat(oss.openUploads()).isZero();
    }

    @Test
    void aCopyOfAPartCopiedObject_keepsItsRecordedMd5() throws Exception {
        byte[] content = random(1_200);
        oss.put(SOURCE.value(), FakeOss.StoredObject.uploaded(content, "video/mp4"));
        OssCopyObjectAdapter adapter = smallThreshold();
        adapter.copy(SOURCE, TARGET);
        ObjectKey again = new ObjectKey("families/f_1/objects/9e/again.mp4");

        assertThat(adapter.copy(TARGET, again).orElseThrow().md5()).contains(md5(content));
        assertThat(new OssCopyObjectAdapter(client, properties)
                        .copy(TARGET, again)
                        .orElseThrow()
                        .md5())
                .contains(md5(content));
        assertThat(inspect(again).orElseThrow().md5()).contains(md5(content));
    }

    @Test
    void sourceReplacedWhileCopying_isCopiedAgain_andTheAnswerDescribesTheBytesCopied() throws Exception {
        byte[] first = random(500);
        byte[] second = random(500);
        oss.put(SOURCE.value(), FakeOss.StoredObject.uploaded(first, "image/jpeg"));
        oss.beforeNextCopy(() -> oss.put(SOURCE.value(), FakeOss.StoredObject.uploaded(second, "image/jpeg")));

        Optional<ObjectMetadata> copied = smallThreshold().copy(SOURCE, TARGET);

        assertThat(copied.orElseThrow().md5()).contains(md5(second));
        assertThat(oss.get(TARGET.value()).content()).isEqualTo(second);
        assertThat(oss.seen()).extracting(FakeOss.Seen::method).containsExactly("HEAD", "PUT", "HEAD", "PUT");
    }

    @Test
    void sourceReplacedDuringAPartCopy_abortsTheUpload_andCopiesTheNewBytes() throws Exception {
        byte[] first = random(1_500);
        byte[] second = random(1_100);
        oss.put(SOURCE.value(), FakeOss.StoredObject.uploaded(first, "video/mp4"));
        oss.beforeNextCopy(() -> oss.put(SOURCE.value(), FakeOss.StoredObject.uploaded(second, "video/mp4")));

        Optional<ObjectMetadata> copied = smallThreshold().copy(SOURCE, TARGET);

        assertThat(copied.orElseThrow().md5()).contains(md5(second));
        assertThat(copied.orElseThrow().size()).isEqualTo(ByteSize.ofBytes(1_100));
        assertThat(oss.get(TARGET.value()).content()).isEqualTo(second);
        assertThat(oss.seen())
                .anySatisfy(s -> assertThat(s.method() + " " + s.rawQuery()).startsWith("DELETE uploadId="));
        assertThat(oss.openUploads()).isZero();
    }

    @Test
    void missingSource_isEmpty_andNothingIsCopied() {
        assertThat(smallThreshold().copy(SOURCE, TARGET)).isEmpty();
        assertThat(oss.seen()).extracting(FakeOss.Seen::method).containsExactly("HEAD");
        assertThat(oss.contains(TARGET.value())).isFalse();
    }

    @Test
    void storeFailure_isStorageUnavailable() {
        oss.put(SOURCE.value(), FakeOss.StoredObject.uploaded(random(10), "image/jpeg"));
        oss.failWith(503, "ServiceUnavailable");

        assertThatThrownBy(() -> smallThreshold().copy(SOURCE, TARGET))
                .isInstanceOfSatisfying(
                        DependencyUnavailableException.class,
                        e -> assertThat(e.code().wireName()).isEqualTo("storage_unavailable"));
    }

    @Test
    void defaultThreshold_isOssSingleCopyLimit() {
        assertThat(OssCopyObjectAdapter.SINGLE_COPY_LIMIT).isEqualTo(1_000_000_000L);
        assertThatThrownBy(() -> new OssCopyObjectAdapter(client, BUCKET, 1_000_000_001L, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
