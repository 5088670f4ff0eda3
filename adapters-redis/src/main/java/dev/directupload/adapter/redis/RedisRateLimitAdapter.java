package dev.directupload.adapter.redis;

import dev.directupload.application.port.out.ratelimit.Rate;
import dev.directupload.application.port.out.ratelimit.RateLimitPort;
import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.domain.shared.ErrorCode;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * Token buckets in Redis ({@code upload.rate-limit.store=redis}), shared by every instance that uses the same server.
 * Each bucket is one key, {@code directupload:ratelimit:<key>}, holding the bucket's instant in microseconds (GCRA,
 * see {@link Rate}); a take is one Lua script, which Redis runs atomically, so concurrent takes from any instance
 * never hand out more tokens than the bucket holds. A key expires when its bucket is full again, so
 * {@link #purgeRefilled} has nothing to do. Built at start ({@code @Context}): a server that cannot be reached
 * stops the start. Times come from the caller's clock; the expiry is relative, so the Redis
 * server's clock does not matter.
 */
@Context
@Requires(property = "upload.rate-limit.store", value = "redis")
public final class RedisRateLimitAdapter implements RateLimitPort, AutoCloseable {

    static final String PREFIX = "directupload:ratelimit:";

    /**
     * KEYS[1] the bucket; ARGV now, step (cost × interval) and burst, in µs. Answers 0 when taken (the key then holds
     * the new instant and lives until the bucket is full again), else the µs to wait, and nothing changes. Numbers
     * are Lua doubles: exact up to 2^53 µs, far past any instant here; written with %.0f, never in exponent form.
     */
    static final String TAKE = """
            local now = tonumber(ARGV[1])
            local step = tonumber(ARGV[2])
            local burst = tonumber(ARGV[3])
            local held = tonumber(redis.call('GET', KEYS[1]))
            local base = now
            if held ~= nil and held > now then
              base = held
            end
            local arrival = base + step
            if arrival - now > burst then
              return arrival - now - burst
            end
            local ttl = math.floor((arrival - now) / 1000) + 1
            redis.call('SET', KEYS[1], string.format('%.0f', arrival), 'PX', string.format('%.0f', ttl))
            return 0
            """;

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String location;
    private volatile String takeSha;

    @Inject
    RedisRateLimitAdapter(RedisSettings settings) {
        this(settings.redisUri());
    }

    /**
     * Connects now: a server that cannot be reached stops the start rather than the first request.
     *
     * @throws DependencyUnavailableException {@code service_unavailable} when Redis does not answer
     */
    public RedisRateLimitAdapter(RedisURI uri) {
        this.location = uri.getHost() + ":" + uri.getPort();
        this.client = RedisClient.create(uri);
        // while the connection is down, a command fails at once (503) instead of waiting in a queue
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        try {
            this.connection = client.connect();
            this.connection.setTimeout(uri.getTimeout());
            this.takeSha = connection.sync().scriptLoad(TAKE);
        } catch (RedisException e) {
            client.shutdown();
            throw unavailable(e);
        }
    }

    @Override
    public Duration tryTake(String key, int cost, Rate rate, Instant now) {
        requireKey(key);
        if (cost < 1 || cost > rate.capacity()) {
            throw new IllegalArgumentException("a take costs 1 to " + rate.capacity() + " tokens, was " + cost);
        }
        String[] keys = {PREFIX + key};
        String[] args = {
            Long.toString(Rate.micros(now)),
            Long.toString(cost * rate.intervalMicros()),
            Long.toString(rate.burstMicros())
        };
        RedisCommands<String, String> redis = connection.sync();
        long waitMicros;
        try {
            try {
                waitMicros = redis.<Long>evalsha(takeSha, ScriptOutputType.INTEGER, keys, args);
            } catch (RedisNoScriptException e) {
                // the server lost its script cache (restart, SCRIPT FLUSH): load it again
                takeSha = redis.scriptLoad(TAKE);
                waitMicros = redis.<Long>evalsha(takeSha, ScriptOutputType.INTEGER, keys, args);
            }
        } catch (RedisException e) {
            throw unavailable(e);
        }
        return waitMicros <= 0 ? Duration.ZERO : Duration.ofNanos(waitMicros * 1000);
    }

    /** Nothing to do: each key expires when its bucket is full again. */
    @Override
    public void purgeRefilled(Instant now) {}

    @Override
    @PreDestroy
    public void close() {
        connection.close();
        client.shutdown();
    }

    private DependencyUnavailableException unavailable(RedisException e) {
        return new DependencyUnavailableException(
                ErrorCode.SERVICE_UNAVAILABLE,
                "the rate-limit store (Redis at " + location + ") did not answer: "
                        + e.getClass().getSimpleName(),
                e);
    }

    private static void requireKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a rate-limit key has 1 to " + MAX_KEY_LENGTH + " characters");
        }
    }
}
