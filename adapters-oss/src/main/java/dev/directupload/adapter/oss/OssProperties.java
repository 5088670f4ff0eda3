package dev.directupload.adapter.oss;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.CredentialsProvider;
import com.aliyun.oss.common.comm.SignVersion;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code oss.*} settings, validated once: required values present, the region normalised to its plain id
 * ({@code oss-cn-hangzhou} becomes {@code cn-hangzhou}), the STS duration within 900 s .. 12 h.
 *
 * @param endpoint the SDK endpoint; {@code https://oss-{region}.aliyuncs.com} when not set
 * @param region the plain region id, e.g. {@code cn-hangzhou}
 * @param publicUrl where clients post upload forms; {@code https://{bucket}.oss-{region}.aliyuncs.com} when not set
 * @param accessKeyId the service's RAM identity (HEAD, presigned GET, delete, STS AssumeRole caller)
 * @param sts STS settings; without {@code oss.sts.role-arn} the adapter runs in static-key mode
 */
@ConfigurationProperties("oss")
@Requires(property = "storage.provider", value = "oss")
public record OssProperties(
        @Nullable String endpoint,
        @Nullable String region,
        @Nullable String bucket,
        @Nullable String publicUrl,
        @Nullable String accessKeyId,
        @Nullable String accessKeySecret,
        @Nullable StsProperties sts) {

    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)+");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

    public OssProperties {
        region = normaliseRegion(required("oss.region", region));
        bucket = required("oss.bucket", bucket);
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("oss.bucket must be 3-63 characters of a-z, 0-9 and '-', was " + bucket);
        }
        accessKeyId = required("oss.access-key-id", accessKeyId);
        accessKeySecret = required("oss.access-key-secret", accessKeySecret);
        endpoint = blankToNull(endpoint) == null ? "https://oss-" + region + ".aliyuncs.com" : endpoint.strip();
        requireHttpUrl("oss.endpoint", endpoint);
        publicUrl = blankToNull(publicUrl) == null
                ? "https://" + bucket + ".oss-" + region + ".aliyuncs.com"
                : stripTrailingSlash(publicUrl.strip());
        requireHttpUrl("oss.public-url", publicUrl);
        sts = sts == null ? new StsProperties(null, null, null, null) : sts;
    }

    /**
     * Accepts {@code cn-hangzhou} or {@code oss-cn-hangzhou} and returns the plain id; {@code oss-} belongs only in
     * host names, never in a V4 credential scope.
     */
    public static String normaliseRegion(String region) {
        String plain = region.strip().toLowerCase(Locale.ROOT);
        if (plain.startsWith("oss-")) {
            plain = plain.substring(4);
        }
        if (!REGION.matcher(plain).matches()) {
            throw new IllegalArgumentException("oss.region must look like cn-hangzhou, was " + region);
        }
        return plain;
    }

    /** True when upload forms are signed with STS credentials (an {@code oss.sts.role-arn} is set). */
    public boolean stsMode() {
        return sts.roleArn() != null;
    }

    /**
     * A new SDK client for this endpoint and region that signs with V4; building it makes no network call. The
     * caller shuts it down.
     */
    public OSS newClient(CredentialsProvider credentials) {
        ClientBuilderConfiguration config = new ClientBuilderConfiguration();
        config.setSignatureVersion(SignVersion.V4);
        config.setConnectionTimeout(5_000);
        config.setSocketTimeout(15_000);
        config.setMaxErrorRetry(1);
        return OSSClientBuilder.create()
                .endpoint(endpoint)
                .credentialsProvider(credentials)
                .clientConfiguration(config)
                .region(region)
                .build();
    }

    @Override
    public String toString() {
        return "OssProperties[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", publicUrl="
                + publicUrl + ", accessKeyId=" + accessKeyId + ", accessKeySecret=***, sts=" + sts + "]";
    }

    static String required(String property, String value) {
        if (blankToNull(value) == null) {
            throw new IllegalStateException("Missing required setting " + property + " (storage.provider=oss): set it "
                    + "in application.yml, as -D" + property + "=... or as environment variable "
                    + property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static URI requireHttpUrl(String property, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " must be an http(s) URL, was " + value, e);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(property + " must be an http(s) URL, was " + value);
        }
        return uri;
    }

    /**
     * The {@code oss.sts.*} settings.
     *
     * @param roleArn the RAM role upload credentials are issued for; absent means static-key mode
     * @param endpoint the STS URL, {@code https://sts.cn-hangzhou.aliyuncs.com} by default
     * @param duration the lifetime asked of STS, 3600 s by default, at least 900 s, at most 12 h
     * @param cacheSize how many family prefixes' credentials are cached (least recently used evicted), 10,000 by
     *     default
     */
    @ConfigurationProperties("sts")
    public record StsProperties(
            @Nullable String roleArn,
            @Nullable String endpoint,
            @Nullable Duration duration,
            @Nullable Integer cacheSize) {

        public static final String DEFAULT_ENDPOINT = "https://sts.cn-hangzhou.aliyuncs.com";
        public static final Duration DEFAULT_DURATION = Duration.ofSeconds(3600);
        public static final Duration MIN_DURATION = Duration.ofSeconds(900);
        public static final Duration MAX_DURATION = Duration.ofHours(12);
        public static final int DEFAULT_CACHE_SIZE = 10_000;

        public StsProperties {
            roleArn = blankToNull(roleArn) == null ? null : roleArn.strip();
            endpoint = blankToNull(endpoint) == null ? DEFAULT_ENDPOINT : stripTrailingSlash(endpoint.strip());
            requireHttpUrl("oss.sts.endpoint", endpoint);
            duration = duration == null ? DEFAULT_DURATION : duration;
            if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
                throw new IllegalArgumentException("oss.sts.duration must be between 900 s and 12 h, was " + duration);
            }
            cacheSize = cacheSize == null ? DEFAULT_CACHE_SIZE : cacheSize;
            if (cacheSize < 1) {
                throw new IllegalArgumentException("oss.sts.cache-size must be at least 1, was " + cacheSize);
            }
        }

        public URI endpointUri() {
            return URI.create(endpoint);
        }
    }
}
