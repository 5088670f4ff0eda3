package dev.directupload.adapter.oss.upload;

import com.aliyun.oss.OSS;
import com.aliyun.oss.common.auth.Credentials;
import com.aliyun.oss.common.auth.CredentialsProvider;
import com.aliyun.oss.common.auth.DefaultCredentials;
import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.sts.model.v20150401.AssumeRoleResponse;
import dev.directupload.adapter.oss.OssProperties;
import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.storage.ObjectKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Signing one upload policy with cached STS credentials (the production path: STS adapter cache hit, policy JSON,
 * Base64, cached V4 signing key + one HMAC-SHA256, form fields) next to the floor: the five HMAC-SHA256 of the V4
 * chain over the same inputs with one reused {@link Mac}. For orientation: our signer alone and the SDK's
 * {@code calculatePostSignature} alone on a prepared policy.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class PolicySigningBenchmark {

    private OssPostPolicyAdapter adapter;
    private V4PolicySigner signer;
    private DefaultAcsClient sts;
    private UploadFormRequest request;

    private Mac mac;
    private byte[] secret;
    private byte[] date;
    private byte[] region;
    private byte[] service;
    private byte[] terminator;
    private byte[] policyBase64;

    @Setup(Level.Trial)
    public void setUp() {
        OssProperties properties = new OssProperties(
                null,
                "cn-hangzhou",
                "album-bucket",
                null,
                "service-ak",
                "service-secret",
                new OssProperties.StsProperties("acs:ram::1:role/uploader", null, null, null));
        Clock clock = Clock.systemUTC();
        AssumeRoleResponse.Credentials credentials = new AssumeRoleResponse.Credentials();
        credentials.setAccessKeyId("STS.NUFakeTempAccessKeyId7q");
        credentials.setAccessKeySecret("FakeTempSecret+/=WithSymbols0123");
        credentials.setSecurityToken("CAIS/FakeSecurityToken+abc/def==XYZ0123456789");
        credentials.setExpiration(clock.instant()
                .plus(Duration.ofHours(12))
                .truncatedTo(ChronoUnit.SECONDS)
                .toString());
        AssumeRoleResponse response = new AssumeRoleResponse();
        response.setCredentials(credentials);
        // Answers AssumeRole without network; the benchmark only ever hits the cache after the first call.
        sts = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", "service-ak", "service-secret")) {
            @Override
            @SuppressWarnings("unchecked")
            public <T extends AcsResponse> T getAcsResponse(AcsRequest<T> ignored) {
                return (T) response;
            }
        };
        signer = new V4PolicySigner(properties);
        adapter = new OssPostPolicyAdapter(new StsCredentialIssuer(sts, properties, clock), signer, properties, clock);
        FamilyId family = new FamilyId("f_3b0c9d2e");
        request = new UploadFormRequest(
                family,
                new KeyCondition.Exact(
                        new ObjectKey("families/f_3b0c9d2e/objects/9e/9e107d9d372bb6826bd81d3542a419d6.jpg")),
                SizeRange.exactly(ByteSize.ofBytes(2_345_678)),
                Set.of("image/jpeg"),
                Duration.ofMinutes(10));
        UploadForm warm = adapter.sign(request);

        try {
            mac = Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        secret = ("aliyun_v4" + credentials.getAccessKeySecret()).getBytes(StandardCharsets.UTF_8);
        date = warm.fields().get("x-oss-date").substring(0, 8).getBytes(StandardCharsets.UTF_8);
        region = "cn-hangzhou".getBytes(StandardCharsets.UTF_8);
        service = "oss".getBytes(StandardCharsets.UTF_8);
        terminator = "aliyun_v4_request".getBytes(StandardCharsets.UTF_8);
        policyBase64 = warm.fields().get("policy").getBytes(StandardCharsets.UTF_8);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sts.shutdown();
    }

    @Benchmark
    public UploadForm signPolicyWithCachedCredentials() {
        return adapter.sign(request);
    }

    @Benchmark
    public byte[] fiveHmacSha256Floor() throws GeneralSecurityException {
        byte[] k = hmac(secret, date);
        k = hmac(k, region);
        k = hmac(k, service);
        k = hmac(k, terminator);
        return hmac(k, policyBase64);
    }

    private byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    /** For orientation: our signer alone (cached signing key, one HMAC) on a prepared Base64 policy. */
    @Benchmark
    public String signerOnly(Prepared state) {
        return state.signer.sign(state.base64, state.now, state.credentials);
    }

    /** For orientation: the SDK's calculatePostSignature (the tests' reference) alone on a prepared policy JSON. */
    @Benchmark
    public String sdkCalculatePostSignatureOnly(Prepared state) {
        state.sdkCredentials.set(new DefaultCredentials(
                state.credentials.accessKeyId(),
                state.credentials.accessKeySecret(),
                state.credentials.securityToken().orElse(null)));
        return state.sdk.calculatePostSignature(state.json, Date.from(state.now));
    }

    /** A prepared policy for {@link #signerOnly} and {@link #sdkCalculatePostSignatureOnly}. */
    @State(Scope.Thread)
    public static class Prepared {
        V4PolicySigner signer;
        OSS sdk;
        final AtomicReference<Credentials> sdkCredentials = new AtomicReference<>();
        String json;
        byte[] base64;
        Instant now;
        TemporaryCredentials credentials;

        @Setup(Level.Trial)
        public void setUp() {
            OssProperties properties = new OssProperties(null, "cn-hangzhou", "album-bucket", null, "ak", "sk", null);
            signer = new V4PolicySigner(properties);
            sdk = properties.newClient(new CredentialsProvider() {
                @Override
                public void setCredentials(Credentials ignored) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public Credentials getCredentials() {
                    return sdkCredentials.get();
                }
            });
            now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            credentials = new TemporaryCredentials(
                    "STS.NUFakeTempAccessKeyId7q",
                    "FakeTempSecret+/=WithSymbols0123",
                    java.util.Optional.of("CAIS/FakeSecurityToken+abc/def==XYZ0123456789"),
                    now.plusSeconds(3600));
            json = new PolicyDocumentWriter(
                            "album-bucket",
                            "cn-hangzhou",
                            credentials.accessKeyId(),
                            credentials.securityToken().get(),
                            now,
                            now.plusSeconds(600),
                            new KeyCondition.Exact(new ObjectKey(
                                    "families/f_3b0c9d2e/objects/9e/" + "9e107d9d372bb6826bd81d3542a419d6.jpg")),
                            SizeRange.exactly(ByteSize.ofBytes(2_345_678)),
                            java.util.List.of("image/jpeg"))
                    .toJson();
            base64 = Base64.getEncoder().encode(json.getBytes(StandardCharsets.UTF_8));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            sdk.shutdown();
        }
    }
}
