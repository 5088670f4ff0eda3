package dev.directupload.adapter.localstorage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.adapter.localstorage.signing.OssV4Signature;
import dev.directupload.adapter.localstorage.signing.PresignedGet;
import dev.directupload.adapter.localstorage.signing.SigningIdentity;
import dev.directupload.application.harness.MutableClock;
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
import dev.directupload.domain.storage.ObjectKey;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The local bucket over real HTTP: uploads as OSS PostObject, every rejection, presigned GET and HEAD. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalOssHttpTest implements TestPropertyProvider {

    private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final FamilyId FAMILY = new FamilyId("f1");

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Path root;

    @Inject
    EmbeddedServer server;

    @Inject
    MutableClock clock;

    @Inject
    SignUploadFormPort forms;

    @Inject
    InspectObjectPort inspect;

    @Inject
    PresignDownloadPort downloads;

    @Inject
    DeleteObjectPort deletes;

    @Inject
    PresignedGet presigned;

    @Inject
    SigningIdentity identity;

    @Override
    public Map<String, String> getProperties() {
        try {
            root = Files.createTempDirectory("local-oss-test").resolve("objects");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("local-storage.root", root.toString());
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void givenSignedForm_upload_thenPresignedGetAndHead_returnTheSameBytes() throws Exception {
        byte[] content = random(3 * 1024 * 1024 + 17);
        ObjectKey key = contentKey(content);
        UploadForm form = forms.sign(exactRequest(key, content.length, "image/jpeg"));

        HttpResponse<byte[]> upload = post(form.url(), form.fields(), "photo.jpg", content);

        assertThat(upload.statusCode())
                .as(new String(upload.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(upload.headers().firstValue("ETag"))
                .contains("\"" + md5(content).toUpperCase(Locale.ROOT) + "\"");
        ObjectMetadata metadata = inspect.inspect(key).orElseThrow();
        assertThat(metadata.size().bytes()).isEqualTo(content.length);
        assertThat(metadata.md5().orElseThrow().md5()).isEqualTo(md5(content));
        assertThat(metadata.contentType()).contains("image/jpeg");

        DownloadUrl url = downloads.presign(key, Duration.ofMinutes(10));
        HttpResponse<byte[]> get =
                send(HttpRequest.newBuilder(URI.create(url.url())).GET());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(content);
        assertThat(get.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(get.headers().firstValueAsLong("Content-Length")).hasValue(content.length);

        String headUrl =
                presigned.sign("HEAD", bucketUrl(), key, Duration.ofMinutes(10)).url();
        HttpResponse<byte[]> head =
                send(HttpRequest.newBuilder(URI.create(headUrl)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(content.length);
        assertThat(head.headers().firstValue("Content-Type")).contains("image/jpeg");
        HttpResponse<byte[]> headWithGetUrl =
                send(HttpRequest.newBuilder(URI.create(url.url())).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(headWithGetUrl.statusCode()).isEqualTo(403);

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        HttpResponse<byte[]> expired =
                send(HttpRequest.newBuilder(URI.create(url.url())).GET());
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(code(expired)).isEqualTo("AccessDenied");

        clock.reset();
        deletes.delete(key);
        deletes.delete(key);
        assertThat(inspect.inspect(key)).isEmpty();
        HttpResponse<byte[]> gone = send(HttpRequest.newBuilder(
                        URI.create(downloads.presign(key, Duration.ofMinutes(1)).url()))
                .GET());
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(code(gone)).isEqualTo("NoSuchKey");
    }

    @Test
    void givenUnsignedOrTamperedGet_isRefused() throws Exception {
        byte[] content = random(1000);
        ObjectKey key = upload(content);
        String url = downloads.presign(key, Duration.ofMinutes(5)).url();

        HttpResponse<byte[]> unsigned = send(HttpRequest.newBuilder(URI.create(url.substring(0, url.indexOf('?'))))
                .GET());
        HttpResponse<byte[]> tampered =
                send(HttpRequest.newBuilder(URI.create(url.replace("x-oss-expires=300", "x-oss-expires=301")))
                        .GET());

        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(code(unsigned)).isEqualTo("AccessDenied");
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(code(tampered)).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void successActionStatus_201AnswersPostResponse_andNoneAnswers204() throws Exception {
        byte[] content = random(2000);
        ObjectKey key = contentKey(content);
        // the port's policies pin success_action_status 200: sign one that leaves it free
        Map<String, String> form = customForm("[\"starts-with\",\"$key\",\"families/f1/\"]", key.value());
        form.put("success_action_status", "201");

        HttpResponse<byte[]> created = post(bucketUrl(), form, "a.jpg", content);

        assertThat(created.statusCode()).isEqualTo(201);
        String xml = new String(created.body(), StandardCharsets.UTF_8);
        assertThat(xml)
                .contains("<PostResponse>")
                .contains("<Key>" + key.value() + "</Key>")
                .contains("<ETag>\"" + md5(content).toUpperCase(Locale.ROOT) + "\"</ETag>")
                .contains("<Bucket>album-local</Bucket>");

        Map<String, String> noStatus = customForm("[\"starts-with\",\"$key\",\"families/f1/\"]", key.value());
        HttpResponse<byte[]> noContent = post(bucketUrl(), noStatus, "a.jpg", content);
        assertThat(noContent.statusCode()).isEqualTo(204);
        assertThat(noContent.headers().firstValue("ETag"))
                .contains("\"" + md5(content).toUpperCase(Locale.ROOT) + "\"");
    }

    @Test
    void givenPrefixForm_aKeyUnderThePrefixIsStored_andOneOutsideItIsRefused() throws Exception {
        byte[] content = random(100);
        UploadForm form = forms.sign(prefixRequest());
        assertThat(form.fields()).containsEntry("key", "families/f1/incoming/u1/");

        // as the article's client: key = file_base_path + "/" + its own name
        Map<String, String> inside = new LinkedHashMap<>(form.fields());
        inside.put("key", "families/f1/incoming/u1/1769673600000_0.png");
        HttpResponse<byte[]> response = post(form.url(), inside, "tmp_abc.png", content);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(inspect.inspect(new ObjectKey("families/f1/incoming/u1/1769673600000_0.png")))
                .isPresent()
                .get()
                .extracting(m -> m.contentType().orElseThrow())
                .isEqualTo("image/png");
        Map<String, String> outside = new LinkedHashMap<>(form.fields());
        outside.put("key", "families/f1/incoming/u2/1769673600000_0.png");
        assertRejected(outside, content, 403, "AccessDenied");
    }

    // ---- x-oss-forbid-overwrite, as OSS ----

    @Test
    void forbidOverwriteForm_forATakenKey_isFileAlreadyExists_andTheStoredBytesStay() throws Exception {
        byte[] original = random(2_000);
        ObjectKey key = upload(original);
        byte[] other = random(2_000);
        UploadForm form = forms.sign(forbidOverwriteRequest(key, other.length));
        assertThat(form.fields()).containsEntry("x-oss-forbid-overwrite", "true");
        Set<Path> before = files();

        HttpResponse<byte[]> response = post(form.url(), form.fields(), "b.jpg", other);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(code(response)).isEqualTo("FileAlreadyExists");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("<Error>", "<RequestId>");
        assertThat(files()).isEqualTo(before);
        assertThat(inspect.inspect(key).orElseThrow().md5().orElseThrow().md5()).isEqualTo(md5(original));
        HttpResponse<byte[]> get = send(HttpRequest.newBuilder(URI.create(
                        downloads.presign(key, Duration.ofMinutes(10)).url()))
                .GET());
        assertThat(get.body()).isEqualTo(original);
    }

    @Test
    void forbidOverwriteForm_forAFreeKey_isStored() throws Exception {
        byte[] content = random(1_234);
        ObjectKey key = contentKey(content);

        UploadForm form = forms.sign(forbidOverwriteRequest(key, content.length));
        HttpResponse<byte[]> response = post(form.url(), form.fields(), "a.jpg", content);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(inspect.inspect(key).orElseThrow().md5().orElseThrow().md5()).isEqualTo(md5(content));
    }

    @Test
    void forbidOverwriteForms_racingForOneFreeKey_exactlyOneIsStored_theOthersAreFileAlreadyExists() throws Exception {
        ObjectKey key = new ObjectKey("families/f1/objects/00/race-" + System.nanoTime() + ".jpg");
        int clients = 12;
        List<byte[]> contents = new ArrayList<>();
        List<Map<String, String>> fields = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            contents.add(random(64 * 1024));
            fields.add(forms.sign(forbidOverwriteRequest(key, 64 * 1024)).fields());
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<HttpResponse<byte[]>> responses = new ArrayList<>();
        try {
            List<Future<HttpResponse<byte[]>>> posts = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                posts.add(pool.submit(() -> {
                    start.await();
                    return post(bucketUrl(), fields.get(client), "a.jpg", contents.get(client));
                }));
            }
            start.countDown();
            for (Future<HttpResponse<byte[]>> post : posts) {
                responses.add(post.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int status = responses.get(i).statusCode();
            assertThat(status).as("client %d", i).isIn(200, 409);
            if (status == 200) {
                winners.add(i);
            } else {
                assertThat(code(responses.get(i))).isEqualTo("FileAlreadyExists");
            }
        }
        assertThat(winners).hasSize(1);
        byte[] winner = contents.get(winners.get(0));
        assertThat(inspect.inspect(key).orElseThrow().md5().orElseThrow().md5()).isEqualTo(md5(winner));
        HttpResponse<byte[]> get = send(HttpRequest.newBuilder(URI.create(
                        downloads.presign(key, Duration.ofMinutes(10)).url()))
                .GET());
        assertThat(get.body()).isEqualTo(winner);
    }

    @Test
    void forbidOverwriteForm_withoutItsField_failsThePolicy() throws Exception {
        byte[] content = random(300);
        Map<String, String> form =
                new LinkedHashMap<>(forms.sign(forbidOverwriteRequest(contentKey(content), content.length))
                        .fields());
        form.remove("x-oss-forbid-overwrite");

        assertRejected(form, content, 403, "AccessDenied");
    }

    // ---- every rejection, from a real multipart request, leaving nothing on disk ----

    @Test
    void tamperedSignature_isSignatureDoesNotMatch() throws Exception {
        byte[] content = random(500);
        Map<String, String> form = signedFields(content);
        String signature = form.get("x-oss-signature");
        form.put("x-oss-signature", (signature.charAt(0) == 'a' ? "b" : "a") + signature.substring(1));

        assertRejected(form, content, 403, "SignatureDoesNotMatch");
    }

    @Test
    void expiredPolicy_isAccessDenied() throws Exception {
        byte[] content = random(500);
        Map<String, String> form = signedFields(content);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));

        assertRejected(form, content, 403, "AccessDenied");
    }

    @Test
    void failedCondition_isAccessDenied() throws Exception {
        byte[] content = random(500);
        Map<String, String> form = signedFields(content);
        form.put("Content-Type", "image/png");

        assertRejected(form, content, 403, "AccessDenied");
    }

    @Test
    void unknownAccessKey_isInvalidAccessKeyId() throws Exception {
        byte[] content = random(500);
        Map<String, String> form = signedFields(content);
        String credential = form.get("x-oss-credential");
        form.put("x-oss-credential", "LTAIUnknownKey" + credential.substring(credential.indexOf('/')));

        assertRejected(form, content, 403, "InvalidAccessKeyId");
    }

    @Test
    void storesOwnKeyWithASecurityToken_isInvalidAccessKeyId() throws Exception {
        byte[] content = random(500);
        Map<String, String> form = customForm("[\"starts-with\",\"$key\",\"families/f1/\"]", "families/f1/x.jpg");
        form.put("x-oss-security-token", "CAISForged");

        assertRejected(form, content, 403, "InvalidAccessKeyId");
    }

    @Test
    void moreBytesThanTheRange_isEntityTooLarge() throws Exception {
        byte[] content = random(500);
        Map<String, String> form = signedFields(content);

        assertRejected(form, random(501), 400, "EntityTooLarge");
    }

    @Test
    void fewerBytesThanTheRange_isEntityTooSmall() throws Exception {
        byte[] content = random(500);
        Map<String, String> form = signedFields(content);

        assertRejected(form, random(499), 400, "EntityTooSmall");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "{\"conditions\":[]}",
                "{\"expiration\":\"soon\",\"conditions\":[]}",
                "{\"expiration\":\"2099-01-01T00:00:00.000Z\",\"conditions\":[[\"matches\",\"$key\",\".*\"]]}",
                "{\"expiration\":\"2099-01-01T00:00:00.000Z\",\"conditions\":[{\"bucket\":\"album-local\",\"a\":\"b\"}]}"
            })
    void signedButInvalidPolicy_isInvalidPolicyDocument(String policyJson) throws Exception {
        byte[] content = random(10);
        Map<String, String> form = formFor(policyJson, "families/f1/x.jpg");

        assertRejected(form, content, 400, "InvalidPolicyDocument");
    }

    @Test
    void policyWithoutTheV4Conditions_isInvalidPolicyDocument() throws Exception {
        Map<String, String> form = formFor(
                "{\"expiration\":\"2099-01-01T00:00:00.000Z\",\"conditions\":" + "[[\"content-length-range\",1,100]]}",
                "families/f1/x.jpg");

        assertRejected(form, random(10), 400, "InvalidPolicyDocument");
    }

    @Test
    void missingKey_isInvalidArgument() throws Exception {
        byte[] content = random(500);
        Map<String, String> form = signedFields(content);
        form.remove("key");

        assertRejected(form, content, 400, "InvalidArgument");
    }

    @Test
    void wrongSignatureVersion_isInvalidArgument() throws Exception {
        byte[] content = random(500);
        Map<String, String> form = signedFields(content);
        form.put("x-oss-signature-version", "OSS2");

        assertRejected(form, content, 400, "InvalidArgument");
    }

    @Test
    void credentialForAnotherRegion_isInvalidArgument() throws Exception {
        byte[] content = random(500);
        Map<String, String> form = signedFields(content);
        form.put("x-oss-credential", form.get("x-oss-credential").replace("/cn-hangzhou/", "/cn-beijing/"));

        assertRejected(form, content, 400, "InvalidArgument");
    }

    @Test
    void noFilePart_isInvalidArgument() throws Exception {
        Map<String, String> form = signedFields(random(500));

        HttpResponse<byte[]> response = postRaw(
                bucketUrl(), MultipartBody.CONTENT_TYPE, MultipartBody.of(form).close());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(code(response)).isEqualTo("InvalidArgument");
    }

    @Test
    void fieldAfterTheFile_isMalformedPostRequest() throws Exception {
        byte[] content = random(500);
        Map<String, String> form = signedFields(content);
        Set<Path> before = files();

        byte[] body = MultipartBody.of(form)
                .file("a.jpg", "image/jpeg", content)
                .field("x:late", "1")
                .close();
        HttpResponse<byte[]> response = postRaw(bucketUrl(), MultipartBody.CONTENT_TYPE, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(code(response)).isEqualTo("MalformedPOSTRequest");
        assertThat(files()).isEqualTo(before);
        assertThat(inspect.inspect(new ObjectKey(form.get("key")))).isEmpty();
    }

    @Test
    void notMultipart_isMalformedPostRequest() throws Exception {
        HttpResponse<byte[]> json = postRaw(bucketUrl(), "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> truncated = postRaw(
                bucketUrl(),
                MultipartBody.CONTENT_TYPE,
                MultipartBody.of(signedFields(random(10)))
                        .file("a.jpg", "image/jpeg", random(10))
                        .open());

        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(code(json)).isEqualTo("MalformedPOSTRequest");
        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(code(truncated)).isEqualTo("MalformedPOSTRequest");
    }

    @Test
    void requestTimeSixteenMinutesOff_isRequestTimeTooSkewed() throws Exception {
        byte[] content = random(500);
        Map<String, String> form = signedFields(content);
        clock.advance(Duration.ofMinutes(16));

        assertRejected(form, content, 403, "RequestTimeTooSkewed");
    }

    @Test
    void otherBucket_isNoSuchBucket() throws Exception {
        byte[] content = random(500);
        Map<String, String> form = signedFields(content);

        HttpResponse<byte[]> response = post(server.getURL() + "/local-oss/other-bucket", form, "a.jpg", content);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(code(response)).isEqualTo("NoSuchBucket");
    }

    @Test
    void connectionBrokenMidFile_leavesNothing() throws Exception {
        byte[] content = random(2 * 1024 * 1024);
        Map<String, String> form = signedFields(content);
        Set<Path> before = files();
        byte[] body =
                MultipartBody.of(form).file("a.jpg", "image/jpeg", content).close();

        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /local-oss/album-local HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                            + MultipartBody.CONTENT_TYPE + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            // streaming: the file is already being written while half the body has not been sent
            Path tmp = root.resolve(".tmp");
            boolean receiving = false;
            for (int i = 0; i < 100 && !receiving; i++) {
                Thread.sleep(50);
                try (Stream<Path> partial = Files.list(tmp)) {
                    receiving = partial.anyMatch(p -> p.toFile().length() > 0);
                }
            }
            assertThat(receiving)
                    .as("a partial temporary file while the body is incomplete")
                    .isTrue();
        }

        for (int i = 0; i < 50 && !files().equals(before); i++) {
            Thread.sleep(100);
        }
        assertThat(files()).isEqualTo(before);
        assertThat(inspect.inspect(new ObjectKey(form.get("key")))).isEmpty();
    }

    // ---- keys cannot leave the root ----

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../escape.jpg",
                "families/f1/../../escape.jpg",
                "/etc/escape.jpg",
                "families\\..\\escape.jpg",
                "families/f1/./escape.jpg",
                "families//escape.jpg"
            })
    void givenTraversalKey_upload_isInvalidArgument_andWritesNothing(String key) throws Exception {
        Set<Path> before = filesAround();
        Map<String, String> form = customForm("[\"eq\",\"$key\"," + LocalPostPolicyAdapter.json(key) + "]", key);

        HttpResponse<byte[]> response = post(bucketUrl(), form, "a.jpg", random(10));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(code(response)).isEqualTo("InvalidArgument");
        assertThat(filesAround()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "%2e%2e/escape.jpg",
                "families/%2e%2e%2f%2e%2e%2fescape.jpg",
                "\uFF0E\uFF0E/escape.jpg",
                "families/\u2025/escape.jpg",
                "..\u2215escape.jpg",
                "families/f1/..%5cescape.jpg"
            })
    void givenEncodedOrUnicodeLookalikeKey_upload_staysInsideTheRoot(String key) throws Exception {
        Set<Path> outside =
                filesAround().stream().filter(p -> !p.startsWith(root)).collect(Collectors.toSet());
        Map<String, String> form = customForm("[\"eq\",\"$key\"," + LocalPostPolicyAdapter.json(key) + "]", key);
        byte[] content = random(10);

        HttpResponse<byte[]> response = post(bucketUrl(), form, "a.jpg", content);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(filesAround().stream().filter(p -> !p.startsWith(root)).collect(Collectors.toSet()))
                .isEqualTo(outside);
        HttpResponse<byte[]> get = send(HttpRequest.newBuilder(URI.create(downloads
                        .presign(new ObjectKey(key), Duration.ofMinutes(1))
                        .url()))
                .GET());
        assertThat(get.body()).isEqualTo(content);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..%2F..%2Fescape.jpg", "%2Fetc%2Fpasswd", "families%5C..%5C..%5Cx", "a/%2e%2e/%2e%2e/x"})
    void givenTraversalPath_get_isRefused(String rawKey) throws Exception {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(
                        URI.create(bucketUrl() + "/" + rawKey + "?x-oss-signature-version=OSS4-HMAC-SHA256"))
                .GET());

        assertThat(response.statusCode()).isBetween(400, 404);
        assertThat(code(response)).isIn("InvalidArgument", "AccessDenied", "NoSuchKey");
    }

    // ---- helpers ----

    private void assertRejected(Map<String, String> form, byte[] content, int status, String code) throws Exception {
        Set<Path> before = files();

        HttpResponse<byte[]> response = post(bucketUrl(), form, "a.jpg", content);

        assertThat(response.statusCode())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(status);
        assertThat(code(response)).isEqualTo(code);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/xml"));
        String xml = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(xml).contains("<Error>", "<Message>", "<RequestId>", "<HostId>");
        assertThat(files()).as("files after %s", code).isEqualTo(before);
        if (form.containsKey("key")) {
            assertThat(inspect.inspect(new ObjectKey(form.get("key")))).isEmpty();
        }
    }

    private ObjectKey upload(byte[] content) throws Exception {
        ObjectKey key = contentKey(content);
        UploadForm form = forms.sign(exactRequest(key, content.length, "image/jpeg"));
        assertThat(post(form.url(), form.fields(), "a.jpg", content).statusCode())
                .isEqualTo(200);
        return key;
    }

    private Map<String, String> signedFields(byte[] content) {
        return new LinkedHashMap<>(forms.sign(exactRequest(contentKey(content), content.length, "image/jpeg"))
                .fields());
    }

    /** A correctly signed form for a policy with the required V4 conditions plus {@code extraCondition}. */
    private Map<String, String> customForm(String extraCondition, String key) {
        String dateTime = OssV4Signature.dateTime(clock.instant());
        String policy = "{\"expiration\":\"" + clock.instant().plus(Duration.ofMinutes(10)) + "\",\"conditions\":["
                + "{\"x-oss-signature-version\":\"OSS4-HMAC-SHA256\"},"
                + "{\"x-oss-credential\":\"" + identity.credential(dateTime.substring(0, 8)) + "\"},"
                + "{\"x-oss-date\":\"" + dateTime + "\"},{\"bucket\":\"album-local\"}," + extraCondition + "]}";
        return formFor(policy, key);
    }

    /** Signs any policy text as given, with the server's key at the server's time. */
    private Map<String, String> formFor(String policyJson, String key) {
        String dateTime = OssV4Signature.dateTime(clock.instant());
        String day = dateTime.substring(0, 8);
        String policy = Base64.getEncoder().encodeToString(policyJson.getBytes(StandardCharsets.UTF_8));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("key", key);
        form.put("policy", policy);
        form.put("x-oss-signature-version", "OSS4-HMAC-SHA256");
        form.put("x-oss-credential", identity.credential(day));
        form.put("x-oss-date", dateTime);
        form.put("x-oss-signature", OssV4Signature.sign(identity.signingKey(day), policy));
        return form;
    }

    private static UploadFormRequest exactRequest(ObjectKey key, long size, String type) {
        return new UploadFormRequest(
                FAMILY,
                new KeyCondition.Exact(key),
                SizeRange.exactly(ByteSize.ofBytes(size)),
                Set.of(type),
                Duration.ofMinutes(10));
    }

    private static UploadFormRequest forbidOverwriteRequest(ObjectKey key, long size) {
        return new UploadFormRequest(
                FAMILY,
                new KeyCondition.Exact(key),
                SizeRange.exactly(ByteSize.ofBytes(size)),
                Set.of("image/jpeg"),
                Duration.ofMinutes(10),
                true);
    }

    private static UploadFormRequest prefixRequest() {
        return new UploadFormRequest(
                FAMILY,
                new KeyCondition.Prefix(new dev.directupload.domain.storage.KeyPrefix("families/f1/incoming/u1/")),
                SizeRange.upTo(ByteSize.ofMegabytes(1)),
                Set.of(),
                Duration.ofMinutes(10));
    }

    private static ObjectKey contentKey(byte[] content) {
        String md5 = md5(content);
        return new ObjectKey("families/f1/objects/" + md5.substring(0, 2) + "/" + md5 + ".jpg");
    }

    private String bucketUrl() {
        return server.getURL() + "/local-oss/album-local";
    }

    private HttpResponse<byte[]> post(String url, Map<String, String> fields, String fileName, byte[] content)
            throws Exception {
        return postRaw(
                url,
                MultipartBody.CONTENT_TYPE,
                MultipartBody.of(fields)
                        .file(fileName, "application/octet-stream", content)
                        .close());
    }

    private HttpResponse<byte[]> postRaw(String url, String contentType, byte[] body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String code(HttpResponse<byte[]> response) {
        Matcher m = CODE.matcher(new String(response.body(), StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : "<no error code>";
    }

    /** Every regular file under the root (objects, sidecars, temporary files). */
    private Set<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).collect(Collectors.toSet());
        }
    }

    /** Every file under the root's parent directory: the root and anything beside it. */
    private Set<Path> filesAround() throws IOException {
        try (Stream<Path> walk = Files.walk(root.getParent())) {
            return walk.filter(Files::isRegularFile).collect(Collectors.toSet());
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random().nextBytes(bytes);
        return bytes;
    }

    private static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
