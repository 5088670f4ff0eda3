package dev.directupload.adapter.web.request;

import dev.directupload.settings.Positive;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** @param maxBodySize {@code api.max-body-size}: largest API request body in bytes, 1 MiB by default */
@ConfigurationProperties("api")
record ApiSettings(
        @Positive @Bindable(defaultValue = "1048576") long maxBodySize) {}
