package dev.directupload.adapter.oss.upload;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.sts.model.v20150401.AssumeRoleRequest;
import com.aliyuncs.sts.model.v20150401.AssumeRoleResponse;
import dev.directupload.adapter.oss.OssProperties;
import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.storage.KeyPrefix;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STS AssumeRole credentials narrowed to one key prefix, cached per prefix and refreshed single flight: while one
 * caller asks STS, every other caller for the same prefix waits for that answer (or that failure). The cache holds at
 * most {@code oss.sts.cache-size} prefixes, least recently used first out; an evicted prefix is simply asked for
 * again. A failure says only that STS is unavailable; STS's own answer goes to the log at WARN.
 */
@Singleton
@Requires(property = "storage.provider", value = "oss")
@Requires(property = "oss.sts.role-arn")
class StsCredentialIssuer implements UploadCredentialIssuer {

    static final ErrorCode UNAVAILABLE = ErrorCode.STORAGE_CREDENTIALS_UNAVAILABLE;
    static final String MESSAGE = "STS is unavailable";
    private static final Duration REFRESH_SLACK = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(StsCredentialIssuer.class);

    private final IAcsClient sts;
    private final OssProperties properties;
    private final Clock clock;
    private final String stsHost;
    private final ProtocolType stsProtocol;
    /** Access-ordered, bounded; guarded by its own monitor. */
    private final Map<KeyPrefix, Issued> cache;

    private final ConcurrentMap<KeyPrefix, CompletableFuture<Issued>> inFlight = new ConcurrentHashMap<>();

    private final java.util.function.Function<String, Counter> assumed;
    private final Counter cacheHits;

    StsCredentialIssuer(IAcsClient sts, OssProperties properties, Clock clock) {
        this(sts, properties, clock, null);
    }

    /** @param registry counts AssumeRole calls by result and cache hits; none when metrics are off */
    @Inject
    StsCredentialIssuer(IAcsClient sts, OssProperties properties, Clock clock, @Nullable MeterRegistry registry) {
        MeterRegistry meters = registry != null ? registry : new CompositeMeterRegistry();
        this.assumed = result -> Counter.builder("directupload.sts.assume.role")
                .description("Temporary upload credentials asked for (STS AssumeRole, or the local store's own)")
                .tag("provider", "oss")
                .tag("result", result)
                .register(meters);
        this.cacheHits = Counter.builder("directupload.sts.cache.hits")
                .description("Signings served from cached temporary credentials")
                .tag("provider", "oss")
                .register(meters);
        if (!properties.stsMode()) {
            throw new IllegalStateException("oss.sts.role-arn is required for STS credentials");
        }
        this.sts = sts;
        this.properties = properties;
        this.clock = clock;
        URI endpoint = properties.sts().endpointUri();
        this.stsHost = endpoint.getPort() == -1 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
        this.stsProtocol = "http".equals(endpoint.getScheme()) ? ProtocolType.HTTP : ProtocolType.HTTPS;
        int capacity = properties.sts().cacheSize();
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<KeyPrefix, Issued> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public TemporaryCredentials forSigning(KeyPrefix scope, Duration policyTtl) {
        Optional<TemporaryCredentials> atHand = forSigningWithoutWaiting(scope, policyTtl);
        if (atHand.isPresent()) {
            return atHand.get();
        }
        CompletableFuture<Issued> mine = new CompletableFuture<>();
        CompletableFuture<Issued> leader = inFlight.putIfAbsent(scope, mine);
        if (leader != null) {
            return await(leader).credentials();
        }
        try {
            // A refresh may have completed between our cache read and becoming the leader.
            Issued issued = freshCached(scope, policyTtl).orElseGet(() -> assumeRole(scope));
            synchronized (cache) {
                cache.put(scope, issued);
            }
            mine.complete(issued);
            return issued.credentials();
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(scope, mine);
        }
    }

    @Override
    public Optional<TemporaryCredentials> forSigningWithoutWaiting(KeyPrefix scope, Duration policyTtl) {
        Optional<Issued> cached = freshCached(scope, policyTtl);
        cached.ifPresent(hit -> cacheHits.increment());
        return cached.map(Issued::credentials);
    }

    /** The cached credentials of {@code scope}, when fresh enough for a policy of {@code policyTtl}. */
    private Optional<Issued> freshCached(KeyPrefix scope, Duration policyTtl) {
        Issued cached;
        synchronized (cache) {
            cached = cache.get(scope);
        }
        return Optional.ofNullable(cached).filter(issued -> issued.freshFor(policyTtl, clock.instant()));
    }

    /** How many prefixes the cache holds now. */
    int cachedScopes() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private static Issued await(CompletableFuture<Issued> leader) {
        try {
            return leader.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private Issued assumeRole(KeyPrefix scope) {
        SessionPolicy policy = new SessionPolicy(properties.bucket(), scope);
        AssumeRoleRequest request = new AssumeRoleRequest();
        request.setSysEndpoint(stsHost);
        request.setSysProtocol(stsProtocol);
        request.setSysMethod(MethodType.POST);
        request.setRoleArn(properties.sts().roleArn());
        request.setRoleSessionName(policy.roleSessionName());
        request.setDurationSeconds(properties.sts().duration().toSeconds());
        request.setPolicy(policy.json());
        Instant askedAt = clock.instant();
        AssumeRoleResponse.Credentials answer;
        try {
            AssumeRoleResponse response = sts.getAcsResponse(request);
            answer = response == null ? null : response.getCredentials();
            assumed.apply("success").increment();
        } catch (ClientException e) {
            assumed.apply("failure").increment();
            throw unavailable(
                    "AssumeRole for " + scope + " failed: " + e.getErrCode() + " " + e.getErrMsg() + " (request id "
                            + e.getRequestId() + ")",
                    e);
        } catch (RuntimeException e) {
            assumed.apply("failure").increment();
            throw unavailable("AssumeRole for " + scope + " failed: " + e, e);
        }
        TemporaryCredentials credentials = toCredentials(scope, answer);
        if (!credentials.expiresAt().isAfter(clock.instant())) {
            throw unavailable(
                    "AssumeRole for " + scope + " answered credentials already expired at " + credentials.expiresAt(),
                    null);
        }
        return new Issued(credentials, Duration.between(askedAt, credentials.expiresAt()));
    }

    private static TemporaryCredentials toCredentials(KeyPrefix scope, AssumeRoleResponse.Credentials answer) {
        if (answer == null
                || isBlank(answer.getAccessKeyId())
                || isBlank(answer.getAccessKeySecret())
                || isBlank(answer.getSecurityToken())
                || isBlank(answer.getExpiration())) {
            throw unavailable("AssumeRole for " + scope + " answered without complete credentials", null);
        }
        try {
            return new TemporaryCredentials(
                    answer.getAccessKeyId(),
                    answer.getAccessKeySecret(),
                    Optional.of(answer.getSecurityToken()),
                    Instant.parse(answer.getExpiration()));
        } catch (DateTimeParseException e) {
            throw unavailable("AssumeRole for " + scope + " answered an unreadable Expiration", e);
        }
    }

    /** The exception API clients see names only STS; the detail goes to the log. */
    private static DependencyUnavailableException unavailable(String detail, Throwable cause) {
        LOG.warn("STS {}", detail);
        return new DependencyUnavailableException(UNAVAILABLE, MESSAGE, cause);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * Credentials with the lifetime they had when issued. They are fresh for a policy while more than
     * min(policy TTL + 60 s, half their lifetime) remain: the cap keeps short-lived credentials (e.g. 900 s with a
     * 15-minute policy) from being refreshed on every call; such policies are cut to the credentials' expiry.
     */
    private record Issued(TemporaryCredentials credentials, Duration lifetime) {

        boolean freshFor(Duration policyTtl, Instant now) {
            Duration wanted = policyTtl.plus(REFRESH_SLACK);
            Duration half = lifetime.dividedBy(2);
            Duration margin = wanted.compareTo(half) < 0 ? wanted : half;
            return !credentials.expiresWithin(margin, now);
        }
    }
}
