package dev.directupload.adapter.localstorage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.directupload.adapter.localstorage.signing.OssV4Signature;
import dev.directupload.adapter.localstorage.signing.SigningIdentity;
import dev.directupload.application.harness.MutableClock;
import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.application.port.out.storage.UploadCallbackRequest;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.upload.UploadId;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The local store's upload callback over real HTTP, against a callback receiver on 127.0.0.1: signed as OSS signs
 * it, the receiver's JSON relayed as the upload's answer, 203 {@code CallbackFailed} with the object kept otherwise,
 * and no callback from a field the policy does not pin.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalCallbackHttpTest implements TestPropertyProvider {

    private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final FamilyId FAMILY = new FamilyId("f1");

    /** One callback as the receiver got it. */
    record Received(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int answerStatus;
    private volatile String answerBody;
    private HttpServer receiver;

    @Inject
    EmbeddedServer server;

    @Inject
    SignUploadFormPort forms;

    @Inject
    InspectObjectPort inspect;

    @Inject
    SigningIdentity identity;

    @Inject
    MutableClock clock;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        try {
            receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            receiver.createContext("/", exchange -> {
                received.add(new Received(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(),
                        Map.copyOf(exchange.getRequestHeaders()),
                        exchange.getRequestBody().readAllBytes()));
                byte[] answer = answerBody.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answerStatus, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            receiver.start();
            return Map.of(
                    "local-storage.root",
                    Files.createTempDirectory("local-callback-test")
                            .resolve("objects")
                            .toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void stopReceiver() {
        receiver.stop(0);
    }

    @BeforeEach
    void answerLikeTheService() {
        received.clear();
        answerStatus = 200;
        answerBody = "{\"id\":\"p_1\",\"album_id\":\"a_1\"}";
    }

    private String receiverUrl(String pathAndQuery) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + pathAndQuery;
    }

    private UploadForm formWithCallback(ObjectKey key, long size, String callbackUrl, String uploadId) {
        return forms.sign(new UploadFormRequest(
                FAMILY,
                new KeyCondition.Exact(key),
                SizeRange.exactly(ByteSize.ofBytes(size)),
                Set.of("image/jpeg"),
                Duration.ofMinutes(10),
                true,
                java.util.Optional.of(new UploadCallbackRequest(URI.create(callbackUrl), new UploadId(uploadId)))));
    }

    @Test
    void aFormWithACallback_makesTheStoreCallBackSignedAsOss_andAnswerTheReceiversJson() throws Exception {
        byte[] content = random(5000);
        ObjectKey key = contentKey(content);
        UploadForm form = formWithCallback(key, content.length, receiverUrl("/oss/call%20back?tag=a%2Fb"), "up_1");
        assertThat(form.fields()).containsEntry("x:upload_id", "up_1").containsKey("callback");
        String policy = new String(Base64.getDecoder().decode(form.fields().get("policy")), StandardCharsets.UTF_8);
        assertThat(policy)
                .contains("{\"callback\":\"" + form.fields().get("callback") + "\"}", "{\"x:upload_id\":\"up_1\"}");

        HttpResponse<byte[]> upload = post(form.url(), form.fields(), content);

        assertThat(upload.statusCode()).as(text(upload)).isEqualTo(200);
        assertThat(text(upload)).isEqualTo(answerBody);
        assertThat(upload.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(upload.headers().firstValue("ETag"))
                .contains("\"" + md5(content).toUpperCase(Locale.ROOT) + "\"");
        assertThat(inspect.inspect(key)).isPresent();

        Received callback = received.get(0);
        assertThat(received).hasSize(1);
        assertThat(callback.method()).isEqualTo("POST");
        assertThat(callback.path()).isEqualTo("/oss/call%20back");
        assertThat(callback.query()).isEqualTo("tag=a%2Fb");
        assertThat(callback.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = json.readValue(callback.body(), JsonNode.class);
        assertThat(body.get("bucket").getStringValue()).isEqualTo("album-local");
        assertThat(body.get("object").getStringValue()).isEqualTo(key.value());
        assertThat(body.get("etag").getStringValue()).isEqualTo(md5(content).toUpperCase(Locale.ROOT));
        assertThat(body.get("size").getLongValue()).isEqualTo(content.length);
        assertThat(body.get("mime_type").getStringValue()).isEqualTo("image/jpeg");
        assertThat(body.get("upload_id").getStringValue()).isEqualTo("up_1");

        String keyUrl =
                new String(Base64.getDecoder().decode(callback.header("x-oss-pub-key-url")), StandardCharsets.UTF_8);
        assertThat(keyUrl).isEqualTo(server.getURL() + "/local-oss/callback_pub_key_v1.pem");
        HttpResponse<byte[]> pem = http.send(
                HttpRequest.newBuilder(URI.create(keyUrl)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pem.statusCode()).isEqualTo(200);
        PublicKey publicKey = publicKey(text(pem));
        byte[] signature = Base64.getDecoder().decode(callback.header("authorization"));
        byte[] head = "/oss/call back?tag=a%2Fb\n".getBytes(StandardCharsets.UTF_8);
        assertThat(verifies(publicKey, concat(head, callback.body()), signature))
                .isTrue();
        byte[] tampered = callback.body().clone();
        tampered[tampered.length - 3] ^= 1;
        assertThat(verifies(publicKey, concat(head, tampered), signature)).isFalse();
    }

    @Test
    void whenTheReceiverFails_theObjectIsKept_andTheStoreAnswers203CallbackFailed() throws Exception {
        for (int status : new int[] {500, 403}) {
            answerStatus = status;
            byte[] content = random(3000);
            ObjectKey key = contentKey(content);
            UploadForm form = formWithCallback(key, content.length, receiverUrl("/oss/callback"), "up_2");

            HttpResponse<byte[]> upload = post(form.url(), form.fields(), content);

            assertThat(upload.statusCode()).as(text(upload)).isEqualTo(203);
            assertThat(code(upload)).isEqualTo("CallbackFailed");
            assertThat(upload.headers().firstValue("ETag")).isPresent();
            assertThat(inspect.inspect(key))
                    .as("the object is stored all the same")
                    .isPresent();
        }
        assertThat(received).hasSize(2);
    }

    @Test
    void anAnswerThatIsNotJson_isACallbackFailure() throws Exception {
        answerBody = "OK";
        byte[] content = random(3000);
        ObjectKey key = contentKey(content);
        UploadForm form = formWithCallback(key, content.length, receiverUrl("/oss/callback"), "up_3");

        HttpResponse<byte[]> upload = post(form.url(), form.fields(), content);

        assertThat(upload.statusCode()).isEqualTo(203);
        assertThat(text(upload)).contains("not valid json");
        assertThat(inspect.inspect(key)).isPresent();
    }

    @Test
    void anUnreachableReceiver_isACallbackFailure_withTheObjectKept() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        byte[] content = random(3000);
        ObjectKey key = contentKey(content);
        UploadForm form =
                formWithCallback(key, content.length, "http://127.0.0.1:" + closedPort + "/oss/callback", "up_4");

        HttpResponse<byte[]> upload = post(form.url(), form.fields(), content);

        assertThat(upload.statusCode()).isEqualTo(203);
        assertThat(code(upload)).isEqualTo("CallbackFailed");
        assertThat(inspect.inspect(key)).isPresent();
    }

    @Test
    void aCallbackFieldThePolicyDoesNotPin_isRefused_withoutStoringOrCallingBack() throws Exception {
        byte[] content = random(2000);
        ObjectKey key = contentKey(content);
        Map<String, String> form = signedForm("[\"starts-with\",\"$key\",\"families/f1/\"]", key.value());
        form.put("callback", callbackField(receiverUrl("/oss/callback")));

        HttpResponse<byte[]> upload = post(bucketUrl(), form, content);

        assertThat(upload.statusCode()).as(text(upload)).isEqualTo(403);
        assertThat(code(upload)).isEqualTo("AccessDenied");
        assertThat(inspect.inspect(key)).isEmpty();
        assertThat(received).isEmpty();
    }

    @Test
    void aMalformedCallback_isInvalidArgument_beforeAnythingIsStored() throws Exception {
        byte[] content = random(2000);
        ObjectKey key = contentKey(content);
        String notJson = Base64.getEncoder().encodeToString("callbackUrl=x".getBytes(StandardCharsets.UTF_8));
        Map<String, String> form = signedForm(
                "[\"starts-with\",\"$key\",\"families/f1/\"],{\"callback\":\"" + notJson + "\"}", key.value());
        form.put("callback", notJson);

        HttpResponse<byte[]> upload = post(bucketUrl(), form, content);

        assertThat(upload.statusCode()).as(text(upload)).isEqualTo(400);
        assertThat(code(upload)).isEqualTo("InvalidArgument");
        assertThat(inspect.inspect(key)).isEmpty();
        assertThat(received).isEmpty();
    }

    private static String callbackField(String url) {
        String callback = "{\"callbackUrl\":\"" + url + "\",\"callbackBody\":\"object=${object}\"}";
        return Base64.getEncoder().encodeToString(callback.getBytes(StandardCharsets.UTF_8));
    }

    /** A form signed with the store's own key for the required V4 conditions plus {@code extraConditions}. */
    private Map<String, String> signedForm(String extraConditions, String key) {
        String dateTime = OssV4Signature.dateTime(clock.instant());
        String day = dateTime.substring(0, 8);
        String policyJson = "{\"expiration\":\"" + clock.instant().plus(Duration.ofMinutes(10))
                + "\",\"conditions\":[{\"x-oss-signature-version\":\"OSS4-HMAC-SHA256\"},"
                + "{\"x-oss-credential\":\"" + identity.credential(day) + "\"},"
                + "{\"x-oss-date\":\"" + dateTime + "\"},{\"bucket\":\"album-local\"}," + extraConditions + "]}";
        String policy = Base64.getEncoder().encodeToString(policyJson.getBytes(StandardCharsets.UTF_8));
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("key", key);
        form.put("policy", policy);
        form.put("x-oss-signature-version", "OSS4-HMAC-SHA256");
        form.put("x-oss-credential", identity.credential(day));
        form.put("x-oss-date", dateTime);
        form.put("x-oss-signature", OssV4Signature.sign(identity.signingKey(day), policy));
        return form;
    }

    private String bucketUrl() {
        return server.getURL() + "/local-oss/album-local";
    }

    private HttpResponse<byte[]> post(String url, Map<String, String> fields, byte[] content) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", MultipartBody.CONTENT_TYPE)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(MultipartBody.of(fields)
                                .file("p.jpg", "image/jpeg", content)
                                .close()))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static PublicKey publicKey(String pem) throws Exception {
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static boolean verifies(PublicKey key, byte[] data, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("MD5withRSA");
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(signature);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String code(HttpResponse<byte[]> response) {
        Matcher m = CODE.matcher(text(response));
        return m.find() ? m.group(1) : "<no error code>";
    }

    private static ObjectKey contentKey(byte[] content) {
        String md5 = md5(content);
        return new ObjectKey("families/f1/objects/" + md5.substring(0, 2) + "/" + md5 + ".jpg");
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
