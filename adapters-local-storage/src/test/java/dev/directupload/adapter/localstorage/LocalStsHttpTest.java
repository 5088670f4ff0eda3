package dev.directupload.adapter.localstorage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.adapter.localstorage.signing.LocalSts;
import dev.directupload.adapter.localstorage.signing.OssV4Signature;
import dev.directupload.adapter.localstorage.signing.SigningIdentity;
import dev.directupload.adapter.localstorage.signing.TemporaryCredentials;
import dev.directupload.application.harness.MutableClock;
import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.PresignDownloadPort;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The store's STS emulation over real HTTP: forms carry temporary credentials narrowed to the family, and a post is
 * checked against what was issued exactly as OSS checks STS credentials.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalStsHttpTest implements TestPropertyProvider {

    private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final FamilyId FAMILY_A = new FamilyId("fa");
    private static final FamilyId FAMILY_B = new FamilyId("fb");

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
    LocalSts sts;

    @Inject
    SigningIdentity identity;

    @Override
    public Map<String, String> getProperties() {
        try {
            root = Files.createTempDirectory("local-sts-test").resolve("objects");
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
    void form_isSignedWithTemporaryCredentialsOfTheFamily_whoseTokenItPostsAndItsPolicyPins() throws Exception {
        byte[] content = random(700);
        ObjectKey key = keyIn(FAMILY_A, "a.jpg");

        UploadForm form = forms.sign(exact(FAMILY_A, key, content.length));
        UploadForm again = forms.sign(exact(FAMILY_A, keyIn(FAMILY_A, "b.jpg"), 10));
        UploadForm other = forms.sign(exact(FAMILY_B, keyIn(FAMILY_B, "c.jpg"), 10));

        String keyId = accessKeyId(form);
        assertThat(keyId).startsWith("STS.").isNotEqualTo(identity.accessKeyId());
        assertThat(form.fields().get("x-oss-security-token")).isNotBlank();
        assertThat(policyJson(form))
                .contains("{\"x-oss-security-token\":\"" + form.fields().get("x-oss-security-token") + "\"}");
        TemporaryCredentials issued = sts.find(keyId).orElseThrow();
        assertThat(issued.scope()).isEqualTo(KeyPrefix.family(FAMILY_A));
        assertThat(form.expiresAt()).isBeforeOrEqualTo(issued.expiresAt());
        assertThat(accessKeyId(again)).as("cached per family").isEqualTo(keyId);
        assertThat(accessKeyId(other)).as("another family, other credentials").isNotEqualTo(keyId);

        HttpResponse<byte[]> upload = post(form.fields(), content);

        assertThat(upload.statusCode()).as(body(upload)).isEqualTo(200);
        assertThat(inspect.inspect(key)).isPresent();
    }

    @Test
    void prefixForm_ofTheArticlesSignatureCall_alsoCarriesTheToken_andAKeyUnderThePrefixIsStored() throws Exception {
        UploadForm form = forms.sign(new UploadFormRequest(
                FAMILY_A,
                new KeyCondition.Prefix(new KeyPrefix("families/fa/incoming/u1/")),
                SizeRange.upTo(ByteSize.ofMegabytes(1)),
                Set.of(),
                Duration.ofMinutes(10)));
        Map<String, String> fields = new LinkedHashMap<>(form.fields());
        fields.put("key", "families/fa/incoming/u1/1769673600000_0.jpg");

        HttpResponse<byte[]> upload = post(fields, random(50));

        assertThat(form.fields()).containsKey("x-oss-security-token");
        assertThat(upload.statusCode()).as(body(upload)).isEqualTo(200);
    }

    @Test
    void withoutTheToken_isInvalidAccessKeyId() throws Exception {
        byte[] content = random(300);
        Map<String, String> fields =
                new LinkedHashMap<>(forms.sign(exact(FAMILY_A, keyIn(FAMILY_A, "d.jpg"), content.length))
                        .fields());
        fields.remove("x-oss-security-token");

        assertRejected(fields, content, 403, "InvalidAccessKeyId");
    }

    @Test
    void anotherToken_isInvalidSecurityToken() throws Exception {
        byte[] content = random(300);
        Map<String, String> fields =
                new LinkedHashMap<>(forms.sign(exact(FAMILY_A, keyIn(FAMILY_A, "e.jpg"), content.length))
                        .fields());
        String tokenOfB = forms.sign(exact(FAMILY_B, keyIn(FAMILY_B, "e.jpg"), 1))
                .fields()
                .get("x-oss-security-token");
        fields.put("x-oss-security-token", tokenOfB);

        assertRejected(fields, content, 403, "InvalidSecurityToken");
    }

    @Test
    void expiredCredentials_areSecurityTokenExpired_evenInAFreshlyDatedForm() throws Exception {
        TemporaryCredentials issued = sts.forSigning(KeyPrefix.family(FAMILY_A), Duration.ofMinutes(10));
        clock.set(issued.expiresAt().plusSeconds(1));
        ObjectKey key = keyIn(FAMILY_A, "f.jpg");

        Map<String, String> fields = signedWith(issued, key.value(), "[\"eq\",\"$key\",\"" + key.value() + "\"]");

        assertRejected(fields, random(100), 403, "SecurityTokenExpired");
    }

    @Test
    void credentialsOfFamilyA_signingAPolicyForFamilyBsKey_areAccessDenied() throws Exception {
        TemporaryCredentials ofA = sts.forSigning(KeyPrefix.family(FAMILY_A), Duration.ofMinutes(10));
        ObjectKey keyOfB = keyIn(FAMILY_B, "g.jpg");

        Map<String, String> exact = signedWith(ofA, keyOfB.value(), "[\"eq\",\"$key\",\"" + keyOfB.value() + "\"]");
        Map<String, String> prefix = signedWith(ofA, keyOfB.value(), "[\"starts-with\",\"$key\",\"families/\"]");

        assertRejected(exact, random(100), 403, "AccessDenied");
        assertRejected(prefix, random(100), 403, "AccessDenied");
    }

    @Test
    void credentialsThisStoreNeverIssued_asAfterARestart_areInvalidAccessKeyId() throws Exception {
        TemporaryCredentials foreign =
                new LocalSts(clock).forSigning(KeyPrefix.family(FAMILY_A), Duration.ofMinutes(10));
        ObjectKey key = keyIn(FAMILY_A, "h.jpg");

        Map<String, String> fields = signedWith(foreign, key.value(), "[\"eq\",\"$key\",\"" + key.value() + "\"]");

        assertRejected(fields, random(100), 403, "InvalidAccessKeyId");
    }

    @Test
    void temporaryCredentials_withAPolicyThatDoesNotPinTheToken_isInvalidPolicyDocument() throws Exception {
        TemporaryCredentials ofA = sts.forSigning(KeyPrefix.family(FAMILY_A), Duration.ofMinutes(10));
        ObjectKey key = keyIn(FAMILY_A, "i.jpg");
        String dateTime = OssV4Signature.dateTime(clock.instant());
        String policyJson = "{\"expiration\":\"" + clock.instant().plus(Duration.ofMinutes(10)) + "\",\"conditions\":["
                + "{\"x-oss-signature-version\":\"OSS4-HMAC-SHA256\"},"
                + "{\"x-oss-credential\":\"" + ofA.credential(dateTime.substring(0, 8), "cn-hangzhou") + "\"},"
                + "{\"x-oss-date\":\"" + dateTime + "\"},[\"eq\",\"$key\",\"" + key.value() + "\"]]}";

        assertRejected(form(ofA, key.value(), policyJson), random(100), 400, "InvalidPolicyDocument");
    }

    @Test
    void credentialsAreRenewedBeforeTheyCouldCutAForm_andOldFormsStayValidUntilTheyExpire() throws Exception {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        FamilyId family = new FamilyId("f_renew");
        byte[] content = random(400);
        UploadForm first = forms.sign(exact(family, keyIn(family, "j.jpg"), content.length));
        Instant firstExpiry = sts.find(accessKeyId(first)).orElseThrow().expiresAt();

        clock.set(firstExpiry.minus(Duration.ofMinutes(11)).minusSeconds(1)); // 11 min 1 s left: still cached
        UploadForm cached = forms.sign(exact(family, keyIn(family, "k.jpg"), 1));
        clock.set(firstExpiry.minus(Duration.ofMinutes(10)).minusSeconds(59)); // fewer than 10 min + 60 s left
        UploadForm renewed = forms.sign(exact(family, keyIn(family, "l.jpg"), 1));

        assertThat(accessKeyId(cached)).isEqualTo(accessKeyId(first));
        assertThat(cached.expiresAt()).isBeforeOrEqualTo(firstExpiry);
        assertThat(accessKeyId(renewed)).isNotEqualTo(accessKeyId(first));
        assertThat(Duration.between(clock.instant(), renewed.expiresAt())).isEqualTo(Duration.ofMinutes(10));
        // the first credentials have not expired: a form signed with them just now is still accepted
        Map<String, String> stillValid = signedWith(
                sts.find(accessKeyId(first)).orElseThrow(),
                keyIn(family, "m.jpg").value(),
                "[\"eq\",\"$key\",\"" + keyIn(family, "m.jpg").value() + "\"]");
        HttpResponse<byte[]> upload = post(stillValid, content);
        assertThat(upload.statusCode()).as(body(upload)).isEqualTo(204);
    }

    @Test
    void presignedGet_isSignedWithTheStoresOwnKey() {
        String url = downloads
                .presign(keyIn(FAMILY_A, "n.jpg"), Duration.ofMinutes(10))
                .url();

        assertThat(url).contains("x-oss-credential=" + identity.accessKeyId() + "%2F");
        assertThat(url).doesNotContain("STS.").doesNotContain("security-token");
    }

    // ---- helpers ----

    private void assertRejected(Map<String, String> fields, byte[] content, int status, String code) throws Exception {
        Set<Path> before = files();

        HttpResponse<byte[]> response = post(fields, content);

        assertThat(response.statusCode()).as(body(response)).isEqualTo(status);
        assertThat(code(response)).isEqualTo(code);
        assertThat(body(response)).contains("<Error>", "<Message>", "<RequestId>");
        assertThat(files()).isEqualTo(before);
        assertThat(inspect.inspect(new ObjectKey(fields.get("key")))).isEmpty();
    }

    /** A form for {@code key} whose policy holds every V4 condition, the token and {@code keyCondition}. */
    private Map<String, String> signedWith(TemporaryCredentials credentials, String key, String keyCondition) {
        String dateTime = OssV4Signature.dateTime(clock.instant());
        String policyJson = "{\"expiration\":\""
                + clock.instant().truncatedTo(ChronoUnit.MILLIS).plus(Duration.ofMinutes(10))
                + "\",\"conditions\":["
                + "{\"x-oss-signature-version\":\"OSS4-HMAC-SHA256\"},"
                + "{\"x-oss-credential\":\"" + credentials.credential(dateTime.substring(0, 8), "cn-hangzhou") + "\"},"
                + "{\"x-oss-date\":\"" + dateTime + "\"},"
                + "{\"x-oss-security-token\":\"" + credentials.securityToken() + "\"},"
                + "{\"bucket\":\"album-local\"}," + keyCondition + "]}";
        return form(credentials, key, policyJson);
    }

    private Map<String, String> form(TemporaryCredentials credentials, String key, String policyJson) {
        String dateTime = OssV4Signature.dateTime(clock.instant());
        String day = dateTime.substring(0, 8);
        String policy = Base64.getEncoder().encodeToString(policyJson.getBytes(StandardCharsets.UTF_8));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("key", key);
        form.put("policy", policy);
        form.put("x-oss-signature-version", "OSS4-HMAC-SHA256");
        form.put("x-oss-credential", credentials.credential(day, "cn-hangzhou"));
        form.put("x-oss-date", dateTime);
        form.put("x-oss-signature", OssV4Signature.sign(credentials.signingKey(day, "cn-hangzhou"), policy));
        form.put("x-oss-security-token", credentials.securityToken());
        return form;
    }

    private static UploadFormRequest exact(FamilyId family, ObjectKey key, long size) {
        return new UploadFormRequest(
                family,
                new KeyCondition.Exact(key),
                SizeRange.exactly(ByteSize.ofBytes(size)),
                Set.of("image/jpeg"),
                Duration.ofMinutes(10));
    }

    private static ObjectKey keyIn(FamilyId family, String name) {
        return new ObjectKey("families/" + family.value() + "/objects/00/" + name);
    }

    private static String accessKeyId(UploadForm form) {
        String credential = form.fields().get("x-oss-credential");
        return credential.substring(0, credential.indexOf('/'));
    }

    private static String policyJson(UploadForm form) {
        return new String(Base64.getDecoder().decode(form.fields().get("policy")), StandardCharsets.UTF_8);
    }

    private HttpResponse<byte[]> post(Map<String, String> fields, byte[] content) throws Exception {
        byte[] body =
                MultipartBody.of(fields).file("a.jpg", "image/jpeg", content).close();
        return http.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/local-oss/album-local"))
                        .header("Content-Type", MultipartBody.CONTENT_TYPE)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String code(HttpResponse<byte[]> response) {
        Matcher m = CODE.matcher(body(response));
        return m.find() ? m.group(1) : "<no error code>";
    }

    private Set<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).collect(Collectors.toSet());
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random().nextBytes(bytes);
        return bytes;
    }
}
