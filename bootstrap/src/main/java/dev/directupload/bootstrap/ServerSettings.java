package dev.directupload.bootstrap;

import dev.directupload.settings.Range;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code micronaut.server.port} and {@code .host}, checked with the other settings before the server tries to listen.
 */
@ConfigurationProperties("micronaut.server")
record ServerSettings(
        @Range(min = -1, max = 65535) @Bindable(defaultValue = "8080")
        int port,

        @Nullable String host) {}
