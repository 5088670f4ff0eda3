package dev.directupload.adapter.minio;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code minio.*} settings, validated once: required values present, URLs plain {@code http(s)://host[:port]}
 * (the io.minio client takes no path), the bucket a valid S3 name.
 *
 * @param endpoint where this service reaches the store (stat, delete, start-up check)
 * @param publicUrl where clients post upload forms and fetch presigned GETs; {@code endpoint} when not set
 * @param region the SigV4 signing region, {@code us-east-1} when not set
 * @param accessKey the service's key; it signs upload forms and presigned GETs too (S3 has no STS here)
 */
@ConfigurationProperties("minio")
@Requires(property = "storage.provider", value = "minio")
public record MinioProperties(
        @Nullable String endpoint,
        @Nullable String publicUrl,
        @Nullable String region,
        @Nullable String bucket,
        @Nullable String accessKey,
        @Nullable String secretKey) {

    public static final String DEFAULT_REGION = "us-east-1";
    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public MinioProperties {
        endpoint = baseUrl("minio.endpoint", required("minio.endpoint", endpoint));
        publicUrl = blankToNull(publicUrl) == null ? endpoint : baseUrl("minio.public-url", publicUrl.strip());
        region = blankToNull(region) == null ? DEFAULT_REGION : region.strip();
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("minio.region must look like us-east-1, was " + region);
        }
        bucket = required("minio.bucket", bucket);
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException(
                    "minio.bucket must be 3-63 characters of a-z, 0-9, '.' and '-', was " + bucket);
        }
        accessKey = required("minio.access-key", accessKey);
        secretKey = required("minio.secret-key", secretKey);
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

    private static String required(String property, String value) {
        if (blankToNull(value) == null) {
            throw new IllegalStateException("Missing required setting " + property + " (storage.provider=minio): set "
                    + "it in application.yml, as -D" + property + "=... or as environment variable "
                    + property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** An {@code http(s)://host[:port]} URL without trailing slash; a path, query or fragment is refused. */
    private static String baseUrl(String property, String value) {
        String url = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " must be an http(s) URL, was " + value, e);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(property + " must be an http(s) URL, was " + value);
        }
        if (!(uri.getRawPath() == null || uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(property + " must be scheme://host[:port] without a path, was " + value);
        }
        return url;
    }
}
