package dev.directupload.adapter.minio;

import dev.directupload.settings.HttpUrl;
import dev.directupload.settings.Matches;
import dev.directupload.settings.Required;
import dev.directupload.settings.Secret;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;

/**
 * The {@code minio.*} settings, checked at start with every other setting: required values present, URLs plain
 * {@code http(s)://host[:port]} (the io.minio client takes no path), the bucket a valid S3 name.
 *
 * @param endpoint where this service reaches the store (stat, delete, start-up check)
 * @param publicUrl where clients post upload forms and fetch presigned GETs; {@code endpoint} when not set
 * @param region the SigV4 signing region, {@code us-east-1} when not set
 * @param accessKey the service's key; it signs upload forms and presigned GETs too (S3 has no STS here)
 */
@ConfigurationProperties("minio")
@Requires(property = "storage.provider", value = "minio")
public record MinioProperties(
        @Required @HttpUrl(path = false) @Nullable String endpoint,
        @HttpUrl(path = false) @Nullable String publicUrl,

        @Matches(value = "[a-z0-9]+(-[a-z0-9]+)*", rule = "a region id such as us-east-1") @Nullable
        String region,

        @Required
        @Matches(
                value = "(?!.*\\.\\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]",
                rule = "3-63 characters of a-z, 0-9, '.' and '-', starting and ending with a letter or digit")
        @Nullable
        String bucket,

        @Required @Nullable String accessKey,
        @Required @Secret @Nullable String secretKey) {

    public static final String DEFAULT_REGION = "us-east-1";

    public MinioProperties {
        endpoint = baseUrl(endpoint);
        publicUrl = blankToNull(publicUrl) == null ? endpoint : baseUrl(publicUrl);
        region = blankToNull(region) == null ? DEFAULT_REGION : region.strip();
        bucket = strip(bucket);
        accessKey = strip(accessKey);
        secretKey = strip(secretKey);
    }

    /** The URL clients post upload forms to: {@code {public-url}/{bucket}}, path-style. */
    public String uploadUrl() {
        return publicUrl + "/" + bucket;
    }

    @Override
    public String toString() {
        return "MinioProperties[endpoint=" + endpoint + ", publicUrl=" + publicUrl + ", region=" + region + ", bucket="
                + bucket + ", accessKey=" + accessKey + ", secretKey=***]";
    }

    private static String strip(String value) {
        return blankToNull(value) == null ? null : value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The URL stripped, without a trailing slash. */
    private static String baseUrl(String value) {
        String url = strip(value);
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
