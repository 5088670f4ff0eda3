package dev.directupload.adapter.localstorage;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * {@code local-storage.*}: where the embedded store keeps objects, its bucket and region, its access key
 * (generated and kept under the root when unset), the base URL clients reach it at (the server's own
 * URL when unset), how many uploads it receives at once and how much disk it always leaves free.
 *
 * @param maxConcurrentUploads uploads received at once; one more is answered 503 {@code SlowDown} at once
 * @param minFreeBytes free space under the root an upload may never take the disk below (e.g. {@code 1GB},
 *     {@code 1073741824}); such an upload is answered 503 {@code InsufficientStorage} and nothing of it is kept
 */
@ConfigurationProperties("local-storage")
public record LocalStorageProperties(
        @Bindable(defaultValue = "./data/objects") Path root,
        @Bindable(defaultValue = "album-local") String bucket,
        @Bindable(defaultValue = "cn-hangzhou") String region,
        @Nullable String accessKeyId,
        @Nullable String accessKeySecret,
        @Nullable String publicUrl,
        @Bindable(defaultValue = "64") int maxConcurrentUploads,
        @ReadableBytes @Bindable(defaultValue = "1GB") long minFreeBytes) {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public LocalStorageProperties {
        if (root == null) {
            throw new IllegalArgumentException("local-storage.root must be set");
        }
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("local-storage.bucket must be 3-63 lower-case letters, digits or "
                    + "'-', starting and ending with a letter or digit, was " + bucket);
        }
        if (region == null || !REGION.matcher(region).matches() || region.startsWith("oss-")) {
            throw new IllegalArgumentException("local-storage.region must be a plain region id such as "
                    + "cn-hangzhou (no 'oss-' prefix), was " + region);
        }
        if ((accessKeyId == null) != (accessKeySecret == null)) {
            throw new IllegalArgumentException(
                    "set both local-storage.access-key-id and access-key-secret, " + "or neither");
        }
        if (maxConcurrentUploads < 1) {
            throw new IllegalArgumentException(
                    "local-storage.max-concurrent-uploads must be at least 1, was " + maxConcurrentUploads);
        }
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException(
                    "local-storage.min-free-bytes must not be negative, was " + minFreeBytes);
        }
        if (publicUrl != null) {
            publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
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
