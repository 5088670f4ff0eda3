package dev.directupload.adapter.oss.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.profile.DefaultProfile;
import dev.directupload.adapter.oss.OssProperties;
import dev.directupload.adapter.oss.testing.FakeSts;
import dev.directupload.adapter.oss.testing.V4Reference;
import dev.directupload.application.harness.MutableClock;
import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** STS credentials against a fake STS on 127.0.0.1: session policy, cache, single flight, short lives, failures. */
class StsCredentialIssuerTest {

    private static final String ROLE = "acs:ram::1234567890:role/album-uploader";
    private static final FamilyId FAMILY = new FamilyId("f_42");
    private static final int CACHE_SIZE = 3;

    private final MutableClock clock =
            new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    private FakeSts sts;
    private IAcsClient stsClient;
    private OssProperties properties;
    private CountingSigner signer;
    private StsCredentialIssuer credentials;
    private OssPostPolicyAdapter adapter;

    /** Counts what reaches the signer. */
    static final class CountingSigner extends V4PolicySigner {
        final AtomicInteger signatures = new AtomicInteger();

        CountingSigner(OssProperties properties) {
            super(properties);
        }

        @Override
        String sign(byte[] policyBase64, Instant signedAt, TemporaryCredentials credentials) {
            signatures.incrementAndGet();
            return super.sign(policyBase64, signedAt, credentials);
        }
    }

    @BeforeEach
    void start() throws Exception {
        sts = new FakeSts().clock(clock::instant);
        properties = new OssProperties(
                null,
                "cn-hangzhou",
                "album-bucket",
                null,
                "service-ak",
                "service-secret",
                new OssProperties.StsProperties(ROLE, sts.endpoint(), null, CACHE_SIZE));
        DefaultProfile profile = DefaultProfile.getProfile("cn-hangzhou", "service-ak", "service-secret");
        profile.getHttpClientConfig().setReadTimeoutMillis(10_000);
        stsClient = new DefaultAcsClient(profile);
        signer = new CountingSigner(properties);
        credentials = new StsCredentialIssuer(stsClient, properties, clock);
        adapter = new OssPostPolicyAdapter(credentials, signer, properties, clock);
    }

    @AfterEach
    void stop() {
        sts.close();
        stsClient.shutdown();
    }

    private static UploadFormRequest request(FamilyId family, Duration ttl) {
        return new UploadFormRequest(
                family,
                new KeyCondition.Exact(new ObjectKey(
                        "families/" + family.value() + "/objects/ab/ab000000000000000000000000000000.jpg")),
                SizeRange.exactly(ByteSize.ofBytes(100)),
                Set.of("image/jpeg"),
                ttl);
    }

    @Test
    void assumeRole_asksForPutObjectOnTheFamilyPrefixOnly() {
        TemporaryCredentials issued = credentials.forSigning(KeyPrefix.family(FAMILY), Duration.ofMinutes(15));

        assertThat(issued.accessKeyId()).isEqualTo("STS.fakeKey1");
        assertThat(issued.securityToken()).contains("CAIS/fakeToken+1==");
        assertThat(issued.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        Map<String, String> call = sts.requests().get(0);
        assertThat(call)
                .containsEntry("Action", "AssumeRole")
                .containsEntry("Version", "2015-04-01")
                .containsEntry("RoleArn", ROLE)
                .containsEntry("DurationSeconds", "3600")
                .containsEntry(
                        "Policy",
                        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                                + "[\"oss:PutObject\"],\"Resource\":[\"acs:oss:*:*:album-bucket/families/f_42/*\"]}]}");
        assertThat(call.get("RoleSessionName")).matches("[A-Za-z0-9.@_-]{2,64}").isEqualTo("du.families.f_42");
    }

    @Test
    void thousandConcurrentSignatures_causeExactlyOneAssumeRole() throws Exception {
        sts.answerSlowly(Duration.ofMillis(500));
        int callers = 1000;
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<UploadForm> forms = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Thread thread = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    forms.add(adapter.sign(request(FAMILY, Duration.ofMinutes(10))));
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        ready.await();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(failures).isEmpty();
        assertThat(sts.calls()).isEqualTo(1);
        assertThat(forms).hasSize(callers).allSatisfy(form -> {
            assertThat(form.fields()).containsEntry("x-oss-security-token", "CAIS/fakeToken+1==");
            assertThat(form.fields().get("x-oss-signature"))
                    .isEqualTo(V4Reference.postSignature(
                            "fakeSecret/1",
                            form.fields().get("x-oss-date").substring(0, 8),
                            "cn-hangzhou",
                            form.fields().get("policy")));
        });
        assertThat(signer.signatures).hasValue(callers);
    }

    @Test
    void credentialsAreCachedPerScope() {
        adapter.sign(request(FAMILY, Duration.ofMinutes(10)));
        adapter.sign(request(FAMILY, Duration.ofMinutes(10)));
        adapter.sign(request(new FamilyId("f_43"), Duration.ofMinutes(10)));
        adapter.sign(request(new FamilyId("f_43"), Duration.ofMinutes(10)));
        assertThat(sts.calls()).isEqualTo(2);
        assertThat(sts.requests())
                .extracting(r -> r.get("Policy"))
                .anySatisfy(p -> assertThat(p).contains("album-bucket/families/f_43/*"));
    }

    @Test
    void signWithoutWaiting_onlyWithCachedFreshCredentials_neverCallsSts() {
        assertThat(adapter.signWithoutWaiting(request(FAMILY, Duration.ofMinutes(10))))
                .isEmpty();
        assertThat(sts.calls()).isZero();

        UploadForm signed = adapter.sign(request(FAMILY, Duration.ofMinutes(10)));
        UploadForm atHand = adapter.signWithoutWaiting(request(FAMILY, Duration.ofMinutes(10)))
                .orElseThrow();
        assertThat(atHand.fields())
                .containsEntry("x-oss-security-token", signed.fields().get("x-oss-security-token"))
                .containsEntry("x-oss-credential", signed.fields().get("x-oss-credential"))
                .containsEntry("policy", signed.fields().get("policy"))
                .containsEntry("x-oss-signature", signed.fields().get("x-oss-signature"));
        assertThat(adapter.signWithoutWaiting(request(new FamilyId("f_43"), Duration.ofMinutes(10))))
                .isEmpty();

        clock.advance(Duration.ofMinutes(49).plusSeconds(1)); // 10m59s left < 11 min: sign would refresh
        assertThat(adapter.signWithoutWaiting(request(FAMILY, Duration.ofMinutes(10))))
                .isEmpty();
        assertThat(sts.calls()).isEqualTo(1);
    }

    @Test
    void refreshHappensOnceFewerThanPolicyTtlPlusAMinuteRemain() {
        adapter.sign(request(FAMILY, Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(48)); // 12 min left > 11 min
        adapter.sign(request(FAMILY, Duration.ofMinutes(10)));
        assertThat(sts.calls()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1).plusSeconds(1)); // 10m59s left < 11 min
        UploadForm form = adapter.sign(request(FAMILY, Duration.ofMinutes(10)));
        assertThat(sts.calls()).isEqualTo(2);
        assertThat(form.fields()).containsEntry("x-oss-security-token", "CAIS/fakeToken+2==");
    }

    @Test
    void givenShortLivedCredentials_noPolicyOutlivesThem() {
        sts.issueFor(Duration.ofSeconds(120));
        List<Instant> expiryOfToken = new ArrayList<>();
        for (int step = 0; step < 60; step++) {
            Instant now = clock.instant();
            UploadForm form = adapter.sign(request(FAMILY, Duration.ofMinutes(15)));
            String token = form.fields().get("x-oss-security-token");
            int n = Integer.parseInt(token.substring("CAIS/fakeToken+".length(), token.length() - 2));
            while (expiryOfToken.size() < n) {
                expiryOfToken.add(null);
            }
            if (expiryOfToken.get(n - 1) == null) {
                expiryOfToken.set(n - 1, now.plusSeconds(120)); // issued at this instant by the fake
            }
            Instant credentialsExpire = expiryOfToken.get(n - 1);
            assertThat(form.expiresAt()).isBeforeOrEqualTo(credentialsExpire).isAfter(now);
            // refreshed once fewer than half their lifetime (60 s) remain: every form still lives over a minute
            assertThat(Duration.between(now, form.expiresAt())).isGreaterThan(Duration.ofSeconds(60));
            clock.advance(Duration.ofSeconds(7));
        }
        // 420 s of signing with 120 s credentials refreshed at 60 s left: one AssumeRole per ~63 s, never per call
        assertThat(sts.calls()).isBetween(6, 8);
    }

    @Test
    void givenStsDown_sign_failsWithTheClearErrorAndSignsNothing() {
        sts.failWith(500);
        assertThatThrownBy(() -> adapter.sign(request(FAMILY, Duration.ofMinutes(10))))
                .isInstanceOfSatisfying(
                        DependencyUnavailableException.class,
                        e -> assertThat(e.code().wireName()).isEqualTo("storage_credentials_unavailable"))
                .hasMessage("STS is unavailable");
        assertThat(signer.signatures).hasValue(0);
    }

    @Test
    void givenStsRefusing_theErrorNamesStsOnly_andItsAnswerGoesToTheLogAtWarn() {
        sts.failWith(403);
        Logger logger = (Logger) LoggerFactory.getLogger(StsCredentialIssuer.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            assertThatThrownBy(() -> adapter.sign(request(FAMILY, Duration.ofMinutes(10))))
                    .isInstanceOf(DependencyUnavailableException.class)
                    .hasMessage("STS is unavailable");
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage())
                    .contains("AssumeRole for families/f_42/ failed", "fake STS is down");
        });
    }

    @Test
    void cacheHoldsAtMostCacheSizeScopes_evictingTheLeastRecentlyUsed() {
        List<FamilyId> families =
                List.of(new FamilyId("f_1"), new FamilyId("f_2"), new FamilyId("f_3"), new FamilyId("f_4"));
        for (FamilyId family : families.subList(0, 3)) {
            adapter.sign(request(family, Duration.ofMinutes(10)));
        }
        adapter.sign(request(families.get(0), Duration.ofMinutes(10))); // f_1 used again: f_2 is now the eldest
        assertThat(sts.calls()).isEqualTo(3);

        adapter.sign(request(families.get(3), Duration.ofMinutes(10))); // a fourth scope evicts f_2
        assertThat(sts.calls()).isEqualTo(4);
        assertThat(credentials.cachedScopes()).isEqualTo(CACHE_SIZE);
        adapter.sign(request(families.get(0), Duration.ofMinutes(10)));
        adapter.sign(request(families.get(2), Duration.ofMinutes(10)));
        adapter.sign(request(families.get(3), Duration.ofMinutes(10)));
        assertThat(sts.calls()).as("f_1, f_3, f_4 still cached").isEqualTo(4);

        adapter.sign(request(families.get(1), Duration.ofMinutes(10)));
        assertThat(sts.calls()).as("f_2 was evicted and is asked for again").isEqualTo(5);
        assertThat(credentials.cachedScopes()).isEqualTo(CACHE_SIZE);
    }

    @Test
    void manyScopes_keepTheCacheBounded_andAnEvictedScopeIsStillSingleFlight() throws Exception {
        for (int i = 0; i < 50; i++) {
            adapter.sign(request(new FamilyId("f_many_" + i), Duration.ofMinutes(10)));
        }
        assertThat(credentials.cachedScopes()).isEqualTo(CACHE_SIZE);
        int before = sts.calls();

        sts.answerSlowly(Duration.ofMillis(300));
        FamilyId evicted = new FamilyId("f_many_0");
        int callers = 200;
        CountDownLatch go = new CountDownLatch(1);
        List<UploadForm> forms = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    forms.add(adapter.sign(request(evicted, Duration.ofMinutes(10))));
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(failures).isEmpty();
        assertThat(sts.calls()).isEqualTo(before + 1);
        assertThat(forms)
                .hasSize(callers)
                .extracting(f -> f.fields().get("x-oss-security-token"))
                .containsOnly("CAIS/fakeToken+" + (before + 1) + "==");
        assertThat(credentials.cachedScopes()).isEqualTo(CACHE_SIZE);
    }

    @Test
    void givenStsUnreachable_sign_failsWithTheClearErrorAndSignsNothing() {
        sts.close();
        assertThatThrownBy(() -> adapter.sign(request(FAMILY, Duration.ofMinutes(10))))
                .isInstanceOfSatisfying(
                        DependencyUnavailableException.class,
                        e -> assertThat(e.code().wireName()).isEqualTo("storage_credentials_unavailable"));
        assertThat(signer.signatures).hasValue(0);
    }

    @Test
    void givenCachedCredentialsExpiredAndStsDown_sign_neverUsesTheExpiredOnes() {
        adapter.sign(request(FAMILY, Duration.ofMinutes(10)));
        assertThat(signer.signatures).hasValue(1);
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        sts.failWith(503);
        assertThatThrownBy(() -> adapter.sign(request(FAMILY, Duration.ofMinutes(10))))
                .isInstanceOfSatisfying(
                        DependencyUnavailableException.class,
                        e -> assertThat(e.code().wireName()).isEqualTo("storage_credentials_unavailable"));
        assertThat(signer.signatures).hasValue(1);
        sts.failWith(0);
        UploadForm recovered = adapter.sign(request(FAMILY, Duration.ofMinutes(10)));
        assertThat(recovered.fields().get("x-oss-security-token")).isNotEqualTo("CAIS/fakeToken+1==");
    }

    @Test
    void concurrentCallersDuringAFailingRefresh_allGetTheError() throws Exception {
        sts.failWith(500).answerSlowly(Duration.ofMillis(300));
        int callers = 50;
        CountDownLatch go = new CountDownLatch(1);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    adapter.sign(request(FAMILY, Duration.ofMinutes(10)));
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures)
                .hasSize(callers)
                .allSatisfy(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                DependencyUnavailableException.class,
                                d -> assertThat(d.code().wireName()).isEqualTo("storage_credentials_unavailable")));
        assertThat(signer.signatures).hasValue(0);
    }
}
