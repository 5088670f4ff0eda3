package dev.directupload.adapter.minio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.adapter.minio.testing.MultipartPost;
import dev.directupload.adapter.minio.testing.S3ProxyServer;
import dev.directupload.application.port.model.DownloadUrl;
import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.storage.DeleteObjectPort;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.ObjectMetadata;
import dev.directupload.application.port.out.storage.PresignDownloadPort;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import io.micronaut.context.ApplicationContext;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter, wired by Micronaut, against a real S3 server (s3proxy in its own process): a browser-style multipart
 * POST of the signed form, stat, presigned GET, delete, and the server's refusals of forms that break the policy.
 */
class MinioStorageS3ProxyTest {

    private static final FamilyId FAMILY = new FamilyId("f_7");
    private static final String BUCKET = "album-e2e";

    /** s3proxy 4.1.0 refuses a bad POST signature with an empty 403; AWS S3 and MinIO send SignatureDoesNotMatch. */
    private static final ThrowingConsumer<String> SIGNATURE_REFUSAL_EMPTY =
            body -> assertThat(body).isEmpty();

    private static final ThrowingConsumer<String> SIGNATURE_REFUSAL_CODE =
            body -> assertThat(MultipartPost.errorCode(body)).isEqualTo("SignatureDoesNotMatch");

    @SuppressWarnings("unchecked")
    private static final ThrowingConsumer<String>[] SIGNATURE_REFUSAL =
            new ThrowingConsumer[] {SIGNATURE_REFUSAL_EMPTY, SIGNATURE_REFUSAL_CODE};

    private static S3ProxyServer server;
    private static ApplicationContext context;
    private static SignUploadFormPort signer;
    private static InspectObjectPort inspector;
    private static PresignDownloadPort downloads;
    private static DeleteObjectPort deleter;

    /** Per test, not in {@code @BeforeAll}: without s3proxy each test then reports as skipped, not just the class. */
    @BeforeEach
    void startContext() {
        server = S3ProxyServer.shared();
        if (context != null) {
            return;
        }
        server.createBucket(BUCKET);
        context = ApplicationContext.run(server.minioSettings(BUCKET));
        signer = context.getBean(SignUploadFormPort.class);
        inspector = context.getBean(InspectObjectPort.class);
        downloads = context.getBean(PresignDownloadPort.class);
        deleter = context.getBean(DeleteObjectPort.class);
    }

    @AfterAll
    static void stopContext() {
        if (context != null) {
            context.close();
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    private static ObjectKey uniqueKey(String ext) {
        return new ObjectKey("families/" + FAMILY.value() + "/objects/t/" + java.util.UUID.randomUUID() + "." + ext);
    }

    private static UploadForm exactForm(ObjectKey key, int size, String contentType) {
        return signer.sign(new UploadFormRequest(
                FAMILY,
                new KeyCondition.Exact(key),
                SizeRange.exactly(ByteSize.ofBytes(size)),
                Set.of(contentType),
                Duration.ofMinutes(10)));
    }

    private static void log(String what, HttpResponse<String> response) {
        System.out.println("s3proxy " + what + ": HTTP " + response.statusCode() + " "
                + (response.body().isEmpty() ? "(empty body)" : MultipartPost.errorCode(response.body())));
    }

    @Test
    void signedForm_uploadsToTheServer_thenStatPresignedGetAndDelete() throws Exception {
        byte[] content = randomBytes(64 * 1024 + 17);
        ObjectKey key = uniqueKey("jpg");
        UploadForm form = exactForm(key, content.length, "image/jpeg");
        assertThat(form.url()).isEqualTo(server.endpoint() + "/" + BUCKET);

        HttpResponse<String> posted = MultipartPost.post(form.url(), form.fields(), "photo.jpg", content);
        log("valid upload", posted);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);

        ObjectMetadata stat = inspector.inspect(key).orElseThrow();
        assertThat(stat.size()).isEqualTo(ByteSize.ofBytes(content.length));
        assertThat(stat.md5()).contains(ContentHash.ofMd5(md5(content)));
        assertThat(stat.contentType()).contains("image/jpeg");
        assertThat(stat.holds(new FileContent(ContentHash.ofMd5(md5(content)), ByteSize.ofBytes(content.length))))
                .isTrue();

        DownloadUrl url = downloads.presign(key, Duration.ofMinutes(10));
        assertThat(url.url())
                .startsWith(server.endpoint() + "/" + BUCKET + "/" + key.value() + "?")
                .contains("X-Amz-Signature=")
                .contains("X-Amz-Expires=600");
        HttpResponse<byte[]> fetched = MultipartPost.get(url.url());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(content);

        deleter.delete(key);
        assertThat(inspector.inspect(key)).isEmpty();
        deleter.delete(key); // idempotent
        assertThat(MultipartPost.get(url.url()).statusCode()).isEqualTo(404);
    }

    @Test
    void tamperedSignature_isRefused_andNothingIsStored() throws Exception {
        byte[] content = randomBytes(100);
        ObjectKey key = uniqueKey("jpg");
        Map<String, String> fields =
                new LinkedHashMap<>(exactForm(key, content.length, "image/jpeg").fields());
        String signature = fields.get("x-amz-signature");
        fields.put("x-amz-signature", (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1));

        HttpResponse<String> posted = MultipartPost.post(server.endpoint() + "/" + BUCKET, fields, "a.jpg", content);
        log("tampered signature", posted);
        assertThat(posted.statusCode()).isEqualTo(403);
        assertThat(posted.body()).satisfiesAnyOf(SIGNATURE_REFUSAL);
        assertThat(inspector.inspect(key)).isEmpty();
    }

    @Test
    void tamperedPolicy_isRefused_andNothingIsStored() throws Exception {
        byte[] content = randomBytes(2048);
        ObjectKey key = uniqueKey("jpg");
        Map<String, String> fields =
                new LinkedHashMap<>(exactForm(key, 10, "image/jpeg").fields());
        // widen the size range inside the policy without re-signing it
        String json = new String(
                        java.util.Base64.getDecoder().decode(fields.get("policy")),
                        java.nio.charset.StandardCharsets.UTF_8)
                .replace(",10,10]", ",1,4096]");
        assertThat(json).contains(",1,4096]");
        fields.put(
                "policy",
                java.util.Base64.getEncoder().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        HttpResponse<String> posted = MultipartPost.post(server.endpoint() + "/" + BUCKET, fields, "a.jpg", content);
        log("tampered policy", posted);
        assertThat(posted.statusCode()).isEqualTo(403);
        assertThat(posted.body()).satisfiesAnyOf(SIGNATURE_REFUSAL);
        assertThat(inspector.inspect(key)).isEmpty();
    }

    @Test
    void fileLargerThanThePolicy_isRefused_andNothingIsStored() throws Exception {
        ObjectKey key = uniqueKey("jpg");
        UploadForm form = exactForm(key, 1000, "image/jpeg");

        HttpResponse<String> posted = MultipartPost.post(form.url(), form.fields(), "a.jpg", randomBytes(1001));
        log("over-size file", posted);
        assertThat(posted.statusCode()).isEqualTo(400);
        assertThat(MultipartPost.errorCode(posted.body())).isEqualTo("EntityTooLarge");
        assertThat(inspector.inspect(key)).isEmpty();
    }

    @Test
    void fileSmallerThanThePolicy_isRefused_andNothingIsStored() throws Exception {
        ObjectKey key = uniqueKey("jpg");
        UploadForm form = exactForm(key, 1000, "image/jpeg");

        HttpResponse<String> posted = MultipartPost.post(form.url(), form.fields(), "a.jpg", randomBytes(999));
        log("under-size file", posted);
        assertThat(posted.statusCode()).isEqualTo(400);
        assertThat(MultipartPost.errorCode(posted.body())).isEqualTo("EntityTooSmall");
        assertThat(inspector.inspect(key)).isEmpty();
    }

    @Test
    void keyOtherThanTheSignedOne_isRefused_andNothingIsStored() throws Exception {
        byte[] content = randomBytes(100);
        ObjectKey signedKey = uniqueKey("jpg");
        ObjectKey otherKey = uniqueKey("jpg");
        Map<String, String> fields = new LinkedHashMap<>(
                exactForm(signedKey, content.length, "image/jpeg").fields());
        fields.put("key", otherKey.value());

        HttpResponse<String> posted = MultipartPost.post(server.endpoint() + "/" + BUCKET, fields, "a.jpg", content);
        log("key outside the policy", posted);
        assertThat(posted.statusCode()).isEqualTo(403);
        assertThat(MultipartPost.errorCode(posted.body())).isEqualTo("AccessDenied");
        assertThat(inspector.inspect(otherKey)).isEmpty();
        assertThat(inspector.inspect(signedKey)).isEmpty();
    }

    @Test
    void contentTypeOtherThanThePinnedOne_isRefused_andNothingIsStored() throws Exception {
        byte[] content = randomBytes(100);
        ObjectKey key = uniqueKey("jpg");
        Map<String, String> fields =
                new LinkedHashMap<>(exactForm(key, content.length, "image/jpeg").fields());
        fields.put("Content-Type", "text/html");

        HttpResponse<String> posted = MultipartPost.post(server.endpoint() + "/" + BUCKET, fields, "a.jpg", content);
        log("wrong content type", posted);
        assertThat(posted.statusCode()).isEqualTo(403);
        assertThat(MultipartPost.errorCode(posted.body())).isEqualTo("AccessDenied");
        assertThat(inspector.inspect(key)).isEmpty();
    }

    @Test
    void prefixForm_acceptsKeysUnderThePrefix_andRefusesOthers() throws Exception {
        KeyPrefix prefix = new KeyPrefix("families/" + FAMILY.value() + "/incoming/u_" + System.nanoTime() + "/");
        UploadForm form = signer.sign(new UploadFormRequest(
                FAMILY,
                new KeyCondition.Prefix(prefix),
                SizeRange.upTo(ByteSize.ofBytes(4096)),
                Set.of(),
                Duration.ofMinutes(5)));
        assertThat(form.fields().get("key")).isEqualTo(prefix.value());
        assertThat(form.fields()).doesNotContainKey("Content-Type");

        byte[] content = randomBytes(300);
        Map<String, String> inside = new LinkedHashMap<>(form.fields());
        ObjectKey insideKey = new ObjectKey(prefix.value() + "IMG_0001.jpg");
        inside.put("key", insideKey.value());
        HttpResponse<String> accepted = MultipartPost.post(form.url(), inside, "IMG_0001.jpg", content);
        log("prefix form, key under the prefix", accepted);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(inspector.inspect(insideKey))
                .get()
                .extracting(ObjectMetadata::md5)
                .isEqualTo(java.util.Optional.of(ContentHash.ofMd5(md5(content))));

        Map<String, String> outside = new LinkedHashMap<>(form.fields());
        ObjectKey outsideKey = new ObjectKey("families/" + FAMILY.value() + "/incoming/someone-else/IMG_0001.jpg");
        outside.put("key", outsideKey.value());
        HttpResponse<String> refused = MultipartPost.post(form.url(), outside, "IMG_0001.jpg", content);
        log("prefix form, key outside the prefix", refused);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(MultipartPost.errorCode(refused.body())).isEqualTo("AccessDenied");
        assertThat(inspector.inspect(outsideKey)).isEmpty();

        deleter.delete(insideKey);
        assertThat(inspector.inspect(insideKey)).isEmpty();
    }

    @Test
    void expiredForm_isRefused_andNothingIsStored() throws Exception {
        Clock twentyMinutesAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20));
        try (ApplicationContext past = ApplicationContext.builder()
                .properties(server.minioSettings(BUCKET))
                .singletons(twentyMinutesAgo)
                .start()) {
            byte[] content = randomBytes(100);
            ObjectKey key = uniqueKey("jpg");
            UploadForm form = past.getBean(SignUploadFormPort.class)
                    .sign(new UploadFormRequest(
                            FAMILY,
                            new KeyCondition.Exact(key),
                            SizeRange.exactly(ByteSize.ofBytes(content.length)),
                            Set.of("image/jpeg"),
                            Duration.ofMinutes(10)));
            assertThat(form.expiresAt()).isBefore(Instant.now());

            HttpResponse<String> posted = MultipartPost.post(form.url(), form.fields(), "a.jpg", content);
            log("expired form", posted);
            assertThat(posted.statusCode()).isEqualTo(403);
            assertThat(MultipartPost.errorCode(posted.body())).isEqualTo("AccessDenied");
            assertThat(inspector.inspect(key)).isEmpty();
        }
    }

    @Test
    void missingKey_inspectsEmpty_andDeletesWithoutError() {
        ObjectKey key = uniqueKey("png");
        assertThat(inspector.inspect(key)).isEmpty();
        deleter.delete(key);
        assertThat(inspector.inspect(key)).isEmpty();
    }
}
