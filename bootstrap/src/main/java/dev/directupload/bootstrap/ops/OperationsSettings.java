package dev.directupload.bootstrap.ops;

import dev.directupload.settings.DurationRange;
import dev.directupload.settings.Range;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/** The operator's settings of Micronaut's own parts, checked at start with the rest. */
final class OperationsSettings {

    private OperationsSettings() {}

    /** {@code endpoints.all.port}: a management port for health and metrics; unset, the HTTP port. */
    @ConfigurationProperties("endpoints.all")
    record Endpoints(@Nullable @Range(min = -1, max = 65535) Integer port) {}

    /** {@code metrics.prometheus.allow-remote}: {@code /prometheus} for every client, not only loopback. */
    @ConfigurationProperties("metrics.prometheus")
    record Prometheus(@Bindable(defaultValue = "false") boolean allowRemote) {}

    /** {@code micronaut.metrics.enabled}: Micrometer meters on or off. */
    @ConfigurationProperties("micronaut.metrics")
    record Metrics(@Bindable(defaultValue = "true") boolean enabled) {}

    /** {@code micronaut.lifecycle.graceful-shutdown.grace-period}: how long in-flight work may finish on SIGTERM. */
    @ConfigurationProperties("micronaut.lifecycle.graceful-shutdown")
    record GracefulShutdown(
            @DurationRange(max = "10m") @Bindable(defaultValue = "30s")
            Duration gracePeriod) {}
}
