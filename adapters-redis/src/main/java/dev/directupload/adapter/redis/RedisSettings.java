package dev.directupload.adapter.redis;

import dev.directupload.settings.DurationRange;
import dev.directupload.settings.Matches;
import dev.directupload.settings.Secret;
import io.lettuce.core.RedisURI;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code upload.rate-limit.redis.*}: the Redis server holding the rate-limit buckets, read only with
 * {@code upload.rate-limit.store=redis}.
 *
 * @param url {@code redis://host[:port][/database]} or {@code rediss://…} (TLS); no user or password in it
 * @param password the server's password ({@code requirepass} / ACL default user), none when not set
 * @param timeout how long connecting or one command may take; beyond it the call answers 503
 */
@ConfigurationProperties("upload.rate-limit.redis")
@Requires(property = "upload.rate-limit.store", value = "redis")
public record RedisSettings(
        // @Secret: a URL written with a password in it (refused) must not reach the start report either
        @Secret
        @Matches(
                value = "rediss?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[0-9]{1,2})?",
                rule = "redis://host[:port][/database] or rediss://… (no user or password: see .password)")
        @Bindable(defaultValue = "redis://127.0.0.1:6379")
        String url,

        @Secret @Nullable String password,

        @DurationRange(max = "1m") @Bindable(defaultValue = "2s")
        Duration timeout) {

    /** Lettuce's form of these settings. */
    RedisURI redisUri() {
        RedisURI uri = RedisURI.create(url);
        if (password != null && !password.isEmpty()) {
            uri.setPassword(password.toCharArray());
        }
        uri.setTimeout(timeout);
        return uri;
    }

    @Override
    public String toString() {
        return "RedisSettings[url=" + url + ", password=" + (password == null ? "none" : "***") + ", timeout=" + timeout
                + "]";
    }
}
