package dev.directupload.adapter.localstorage;

import dev.directupload.settings.CheckedSettings;
import dev.directupload.settings.HttpUrl;
import dev.directupload.settings.Matches;
import dev.directupload.settings.Positive;
import dev.directupload.settings.Range;
import dev.directupload.settings.Required;
import dev.directupload.settings.Secret;
import dev.directupload.settings.SettingsProblems;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;
import java.nio.file.Path;

/**
 * {@code local-storage.*}: where the embedded store keeps objects, its bucket and region, its access key
 * (generated and kept under the root when unset), the base URL clients reach it at (the server's own
 * URL when unset), how many uploads it receives at once and how much disk it always leaves free. The rules are
 * checked at start with every other setting.
 *
 * @param maxConcurrentUploads uploads received at once; one more is answered 503 {@code SlowDown} at once
 * @param minFreeBytes free space under the root an upload may never take the disk below (e.g. {@code 1GB},
 *     {@code 1073741824}); such an upload is answered 503 {@code InsufficientStorage} and nothing of it is kept
 */
@ConfigurationProperties("local-storage")
public record LocalStorageProperties(
        @Required @Bindable(defaultValue = "./data/objects") Path root,

        @Matches(
                value = "[a-z0-9][a-z0-9-]{1,61}[a-z0-9]",
                rule = "3-63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit")
        @Bindable(defaultValue = "album-local")
        String bucket,

        @Matches(
                value = "(?!oss-)[a-z0-9][a-z0-9-]*",
                rule = "a plain region id such as cn-hangzhou (no 'oss-' prefix)")
        @Bindable(defaultValue = "cn-hangzhou")
        String region,

        @Nullable String accessKeyId,
        @Secret @Nullable String accessKeySecret,
        @HttpUrl @Nullable String publicUrl,
        @Positive @Bindable(defaultValue = "64") int maxConcurrentUploads,

        @Range(min = 0) @ReadableBytes @Bindable(defaultValue = "1GB")
        long minFreeBytes)
        implements CheckedSettings {

    public LocalStorageProperties {
        accessKeyId = blankToNull(accessKeyId);
        accessKeySecret = blankToNull(accessKeySecret);
        publicUrl = blankToNull(publicUrl);
        if (publicUrl != null) {
            publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public void check(SettingsProblems problems) {
        if (accessKeyId == null && accessKeySecret != null) {
            problems.add(
                    "local-storage.access-key-id", "set together with local-storage.access-key-secret, or neither");
        } else if (accessKeyId != null && accessKeySecret == null) {
            problems.add(
                    "local-storage.access-key-secret", "set together with local-storage.access-key-id, or neither");
        }
    }

    @Override
    public String toString() {
        return "LocalStorageProperties[root=" + root + ", bucket=" + bucket + ", region=" + region
                + ", accessKeyId=" + accessKeyId + ", accessKeySecret=" + (accessKeySecret == null ? null : "***")
                + ", publicUrl=" + publicUrl + ", maxConcurrentUploads=" + maxConcurrentUploads + ", minFreeBytes="
                + minFreeBytes + "]";
    }
}
