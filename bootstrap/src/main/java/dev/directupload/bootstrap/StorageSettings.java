package dev.directupload.bootstrap;

import dev.directupload.settings.Matches;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code storage.provider}: which store runs. Each adapter activates on its exact value, so anything else would
 * start a service without a store.
 */
@ConfigurationProperties("storage")
record StorageSettings(
        @Matches(value = "local|oss|minio", rule = "one of local, oss, minio") @Bindable(defaultValue = "local")
        String provider) {}
