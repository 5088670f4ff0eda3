package dev.directupload.adapter.oss.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.adapter.oss.OssProperties;
import dev.directupload.adapter.oss.testing.SdkPostSignature;
import dev.directupload.adapter.oss.testing.V4Reference;
import dev.directupload.application.harness.MutableClock;
import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Our signer (signing key derived once, one HMAC per policy) against the reference, aliyun-sdk-oss
 * {@code calculatePostSignature}, on random policies, credentials, regions and dates, through a small key cache so
 * that keys are evicted and derived again; the seed is in every failure message.
 */
class V4PolicySignerReferenceTest {

    private static final String[] REGIONS = {
        "cn-hangzhou", "oss-cn-shanghai", "cn-beijing", "ap-southeast-1", "us-west-1", "eu-central-1", "cn-hongkong"
    };
    private static final long FIRST_DAY = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST_DAY = Instant.parse("2099-12-31T00:00:00Z").getEpochSecond();
    private static final String KEY_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=.-_";

    private final long seed = Long.getLong("seed", System.nanoTime());
    private final Random random = new Random(seed);

    @Test
    void randomPoliciesCredentialsAndDates_signatureEqualsTheSdks() {
        List<TemporaryCredentials> pool = credentialPool(12);
        for (String region : REGIONS) {
            SigningKeys keys = new SigningKeys(OssProperties.normaliseRegion(region), 5);
            V4PolicySigner signer = new V4PolicySigner(keys);
            try (SdkPostSignature sdk = new SdkPostSignature(region)) {
                Instant day = randomDay();
                for (int i = 0; i < 300; i++) {
                    TemporaryCredentials credentials = pool.get(random.nextInt(pool.size()));
                    // Mostly one day (the cache hits), sometimes around midnight, sometimes any day.
                    Instant at = switch (random.nextInt(4)) {
                        case 0 -> day.plusSeconds(86_400 - 3 + random.nextInt(6));
                        case 1 -> randomDay().plusSeconds(random.nextInt(86_400));
                        default -> day.plusSeconds(random.nextInt(86_400));
                    };
                    String json = i % 3 == 0 ? randomText(1 + random.nextInt(2000)) : randomPolicy(credentials, at);
                    byte[] base64 = Base64.getEncoder().encode(json.getBytes(StandardCharsets.UTF_8));

                    String ours = signer.sign(base64, at, credentials);

                    String expected = sdk.sign(
                            json,
                            at,
                            credentials.accessKeyId(),
                            credentials.accessKeySecret(),
                            credentials.securityToken().orElse(null));
                    String reference = V4Reference.postSignature(
                            credentials.accessKeySecret(),
                            yyyymmdd(at),
                            OssProperties.normaliseRegion(region),
                            new String(base64, StandardCharsets.US_ASCII));
                    assertThat(ours)
                            .as(
                                    "seed %d, region %s, case %d, %s at %s; JDK reference %s, policy %s",
                                    seed, region, i, credentials, at, reference, json)
                            .isEqualTo(expected)
                            .isEqualTo(reference);
                    assertThat(keys.size()).isLessThanOrEqualTo(5);
                }
            }
        }
    }

    @Test
    void randomForms_signatureOverTheReturnedPolicyEqualsTheSdks() {
        List<TemporaryCredentials> pool = credentialPool(6);
        MutableClock clock = new MutableClock(randomDay());
        OssProperties properties =
                new OssProperties(null, "cn-shanghai", "album-bucket", null, "service-ak", "service-secret", null);
        V4PolicySigner signer = new V4PolicySigner(properties);
        try (SdkPostSignature sdk = new SdkPostSignature("cn-shanghai")) {
            for (int i = 0; i < 300; i++) {
                TemporaryCredentials credentials = pool.get(random.nextInt(pool.size()));
                clock.set(randomDay().plusSeconds(random.nextInt(86_400)).plusMillis(random.nextInt(1000)));
                TemporaryCredentials live = new TemporaryCredentials(
                        credentials.accessKeyId(),
                        credentials.accessKeySecret(),
                        credentials.securityToken(),
                        clock.instant().plus(Duration.ofHours(1)));
                FamilyId family = new FamilyId("f_" + Integer.toHexString(random.nextInt()));
                UploadFormRequest request = new UploadFormRequest(
                        family,
                        random.nextBoolean()
                                ? new KeyCondition.Prefix(KeyPrefix.family(family))
                                : new KeyCondition.Exact(new ObjectKey(
                                        "families/" + family.value() + "/objects/" + keySegment(40) + ".jpg")),
                        SizeRange.exactly(ByteSize.ofBytes(1 + random.nextInt(Integer.MAX_VALUE))),
                        random.nextBoolean() ? Set.of() : Set.of("image/jpeg", "video/mp4"),
                        Duration.ofMinutes(1 + random.nextInt(15)));

                UploadForm form =
                        new OssPostPolicyAdapter((scope, ttl) -> live, signer, properties, clock).sign(request);

                String json =
                        new String(Base64.getDecoder().decode(form.fields().get("policy")), StandardCharsets.UTF_8);
                assertThat(form.fields().get("x-oss-signature"))
                        .as("seed %d, case %d", seed, i)
                        .isEqualTo(sdk.sign(
                                json,
                                clock.instant(),
                                live.accessKeyId(),
                                live.accessKeySecret(),
                                live.securityToken().orElse(null)));
            }
        }
    }

    @Test
    void sameAccessKeyWithAnotherSecretOrDay_getsAnotherKey() {
        SigningKeys keys = new SigningKeys("cn-hangzhou", 10);
        Instant at = Instant.parse("2026-03-15T23:59:59Z");
        TemporaryCredentials first = new TemporaryCredentials("STS.k", "secret-1", Optional.empty(), at);
        TemporaryCredentials rotated = new TemporaryCredentials("STS.k", "secret-2", Optional.empty(), at);

        assertThat(keys.keyFor(first, at)).isSameAs(keys.keyFor(first, at.minusSeconds(86_399)));
        assertThat(keys.keyFor(rotated, at).getEncoded())
                .isNotEqualTo(keys.keyFor(first, at).getEncoded());
        assertThat(keys.keyFor(first, at.plusSeconds(1)).getEncoded())
                .isNotEqualTo(keys.keyFor(first, at).getEncoded())
                .isEqualTo(V4Reference.signingKey("secret-1", "20260316", "cn-hangzhou"));
        assertThat(keys.size()).isEqualTo(3);
    }

    @Test
    void theCacheNeverHoldsMoreThanItsCapacity() {
        SigningKeys keys = new SigningKeys("cn-hangzhou", 4);
        Instant at = Instant.parse("2026-03-15T12:00:00Z");
        for (int i = 0; i < 100; i++) {
            TemporaryCredentials c = new TemporaryCredentials("STS." + i, "secret-" + i, Optional.empty(), at);
            assertThat(keys.keyFor(c, at).getEncoded())
                    .isEqualTo(V4Reference.signingKey("secret-" + i, "20260315", "cn-hangzhou"));
            assertThat(keys.size()).isLessThanOrEqualTo(4);
        }
    }

    private List<TemporaryCredentials> credentialPool(int size) {
        List<TemporaryCredentials> pool = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            // Every third set shares its access key id with the previous one (a rotated secret).
            String id = i % 3 == 2 ? pool.get(i - 1).accessKeyId() : "STS." + randomKey(10 + random.nextInt(20));
            Optional<String> token = random.nextBoolean() ? Optional.of("CAIS" + randomKey(40)) : Optional.empty();
            pool.add(new TemporaryCredentials(id, randomKey(16 + random.nextInt(30)), token, Instant.MAX));
        }
        return pool;
    }

    private Instant randomDay() {
        long days = (LAST_DAY - FIRST_DAY) / 86_400;
        return Instant.ofEpochSecond(FIRST_DAY + 86_400 * (long) random.nextInt((int) days));
    }

    private String randomPolicy(TemporaryCredentials credentials, Instant at) {
        return new PolicyDocumentWriter(
                        "bucket-" + random.nextInt(1000),
                        "cn-hangzhou",
                        credentials.accessKeyId(),
                        credentials.securityToken().orElse(null),
                        at,
                        at.plusSeconds(60 + random.nextInt(900)),
                        new KeyCondition.Prefix(
                                new KeyPrefix("families/f_" + random.nextInt(100) + "/" + keySegment(30) + "/")),
                        SizeRange.upTo(ByteSize.ofBytes(1 + random.nextInt(Integer.MAX_VALUE))),
                        random.nextBoolean() ? List.of() : List.of("image/jpeg", "image/png"),
                        random.nextBoolean())
                .toJson();
    }

    /** One key segment of random text: never empty, '.' or '..', no '/' or '\\'. */
    private String keySegment(int maxLength) {
        return "x" + randomText(random.nextInt(maxLength)).replace('/', '_').replace('\\', '_');
    }

    private String randomKey(int length) {
        StringBuilder key = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            key.append(KEY_CHARS.charAt(random.nextInt(KEY_CHARS.length())));
        }
        return key.toString();
    }

    /** Printable ASCII, CJK and emoji (surrogate pairs), so the UTF-8 and Base64 steps see multi-byte text. */
    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            switch (random.nextInt(6)) {
                case 0 -> text.append((char) (0x4e00 + random.nextInt(0x5000)));
                case 1 -> text.appendCodePoint(0x1f600 + random.nextInt(0x40));
                default -> text.append((char) (0x21 + random.nextInt(0x5e)));
            }
        }
        return text.toString();
    }

    private static String yyyymmdd(Instant at) {
        return DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(at);
    }
}
