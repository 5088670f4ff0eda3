package dev.directupload.adapter.localstorage.signing;

import dev.directupload.domain.storage.KeyPrefix;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The store's stand-in for STS AssumeRole: temporary credentials (an {@code STS.} key id, a secret, a security token,
 * one hour of life) narrowed to one key prefix, cached per prefix and issued anew once fewer than the policy's TTL plus
 * a minute remain, as the OSS adapter caches real ones. PostObject forms signed with them are checked against what was
 * issued here, as OSS checks STS credentials.
 *
 * <p>Issued credentials live in memory only: a restart invalidates every form signed before it (the client gets
 * {@code InvalidAccessKeyId} and asks for a new form). Memory is bounded: at most {@link #MAX_SCOPES} prefixes keep a
 * current credential (least recently used first out), and an issued credential is forgotten {@link #REMEMBER_EXPIRED}
 * after it expires (until then a form signed with it gets {@code SecurityTokenExpired}) or when more than
 * {@link #MAX_ISSUED} are remembered, oldest first.
 */
public final class LocalSts {

    private final Counter issues;
    private final Counter cacheHits;

    static final Duration LIFETIME = Duration.ofHours(1);
    static final Duration REFRESH_SLACK = Duration.ofSeconds(60);
    static final Duration REMEMBER_EXPIRED = Duration.ofHours(1);
    static final int MAX_SCOPES = 10_000;
    static final int MAX_ISSUED = 3 * MAX_SCOPES;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Current credentials by prefix, least recently used first. */
    private final Map<KeyPrefix, TemporaryCredentials> current = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<KeyPrefix, TemporaryCredentials> eldest) {
            return size() > MAX_SCOPES;
        }
    };
    /** Every credential still remembered, by key id, in the order issued (which is the order they expire in). */
    private final Map<String, TemporaryCredentials> issued = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TemporaryCredentials> eldest) {
            return size() > MAX_ISSUED;
        }
    };

    public LocalSts(Clock clock) {
        this(clock, new CompositeMeterRegistry());
    }

    /** Counts issues ({@code directupload.sts.assume.role}) and cache hits as the OSS adapter counts STS calls. */
    public LocalSts(Clock clock, MeterRegistry registry) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.issues = Counter.builder("directupload.sts.assume.role")
                .description("Temporary upload credentials asked for (STS AssumeRole, or the local store's own)")
                .tag("provider", "local")
                .tag("result", "success")
                .register(registry);
        this.cacheHits = Counter.builder("directupload.sts.cache.hits")
                .description("Signings served from cached temporary credentials")
                .tag("provider", "local")
                .register(registry);
    }

    /**
     * Credentials for {@code scope} that outlive {@code policyTtl} by at least a minute: the cached ones, or new ones.
     * Issuing takes no network call, so one lock is single flight enough.
     */
    public synchronized TemporaryCredentials forSigning(KeyPrefix scope, Duration policyTtl) {
        Instant now = clock.instant();
        forgetExpired(now);
        TemporaryCredentials cached = current.get(scope);
        if (cached != null && !cached.expiresWithin(policyTtl.plus(REFRESH_SLACK), now)) {
            cacheHits.increment();
            return cached;
        }
        issues.increment();
        TemporaryCredentials fresh = new TemporaryCredentials(
                new AccessKey("STS." + token(18, true), token(30, true), Optional.of("CAIS" + token(96, false))),
                now.truncatedTo(ChronoUnit.SECONDS).plus(LIFETIME),
                scope);
        current.put(scope, fresh);
        issued.put(fresh.accessKeyId(), fresh);
        return fresh;
    }

    /** The credentials issued under this key id, while remembered (expired ones included). */
    public synchronized Optional<TemporaryCredentials> find(String accessKeyId) {
        forgetExpired(clock.instant());
        return Optional.ofNullable(issued.get(accessKeyId));
    }

    /** How many issued credentials are remembered. */
    synchronized int remembered() {
        return issued.size();
    }

    private void forgetExpired(Instant now) {
        Iterator<TemporaryCredentials> oldestFirst = issued.values().iterator();
        while (oldestFirst.hasNext()) {
            TemporaryCredentials oldest = oldestFirst.next();
            if (now.isBefore(oldest.expiresAt().plus(REMEMBER_EXPIRED))) {
                return;
            }
            oldestFirst.remove();
            current.remove(oldest.scope(), oldest);
        }
    }

    private String token(int bytes, boolean urlSafe) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return urlSafe
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(raw)
                : Base64.getEncoder().encodeToString(raw);
    }
}
