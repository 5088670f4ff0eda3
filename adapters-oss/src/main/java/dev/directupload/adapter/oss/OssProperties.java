package dev.directupload.adapter.oss;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.CredentialsProvider;
import com.aliyun.oss.common.comm.SignVersion;
import dev.directupload.settings.DurationRange;
import dev.directupload.settings.HttpUrl;
import dev.directupload.settings.Matches;
import dev.directupload.settings.Positive;
import dev.directupload.settings.Required;
import dev.directupload.settings.Secret;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The {@code oss.*} settings: the rules on the components are checked at start (with every other setting), the
 * region is normalised to its plain id ({@code oss-cn-hangzhou} becomes {@code cn-hangzhou}) and the URLs default
 * from region and bucket.
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
        @HttpUrl @Nullable String endpoint,

        @Required
        @Matches(value = REGION, rule = "a region id such as cn-hangzhou (oss-cn-hangzhou is accepted)")
        @Nullable
        String region,

        @Required @Matches(value = BUCKET, rule = BUCKET_RULE) @Nullable
        String bucket,

        @HttpUrl @Nullable String publicUrl,
        @Required @Nullable String accessKeyId,
        @Required @Secret @Nullable String accessKeySecret,
        @Nullable StsProperties sts) {

    static final String REGION = "[a-z0-9]+(-[a-z0-9]+)+";
    static final String BUCKET = "[a-z0-9][a-z0-9-]{1,61}[a-z0-9]";
    static final String BUCKET_RULE = "3-63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit";

    public OssProperties {
        region = blankToNull(region) == null ? null : normaliseRegion(region);
        bucket = strip(bucket);
        accessKeyId = strip(accessKeyId);
        accessKeySecret = strip(accessKeySecret);
        if (blankToNull(endpoint) != null) {
            endpoint = endpoint.strip();
        } else {
            endpoint = region == null ? null : "https://oss-" + region + ".aliyuncs.com";
        }
        if (blankToNull(publicUrl) != null) {
            publicUrl = stripTrailingSlash(publicUrl.strip());
        } else {
            publicUrl =
                    region == null || bucket == null ? null : "https://" + bucket + ".oss-" + region + ".aliyuncs.com";
        }
        sts = sts == null ? new StsProperties(null, null, null, null) : sts;
    }

    /**
     * Accepts {@code cn-hangzhou} or {@code oss-cn-hangzhou} and returns the plain id; {@code oss-} belongs only in
     * host names, never in a V4 credential scope.
     */
    public static String normaliseRegion(String region) {
        String plain = region.strip().toLowerCase(Locale.ROOT);
        return plain.startsWith("oss-") ? plain.substring(4) : plain;
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

    private static String strip(String value) {
        return blankToNull(value) == null ? null : value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
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
            @Matches(
                    value = "acs:ram::[0-9]+:role/\\S+",
                    rule = "a RAM role ARN such as acs:ram::1234567890123456:role/uploader")
            @Nullable
            String roleArn,

            @HttpUrl @Nullable String endpoint,

            @DurationRange(min = "900s", max = "12h") @Nullable
            Duration duration,

            @Positive @Nullable Integer cacheSize) {

        public static final String DEFAULT_ENDPOINT = "https://sts.cn-hangzhou.aliyuncs.com";
        public static final Duration DEFAULT_DURATION = Duration.ofSeconds(3600);
        public static final int DEFAULT_CACHE_SIZE = 10_000;

        public StsProperties {
            roleArn = strip(roleArn);
            endpoint = blankToNull(endpoint) == null ? DEFAULT_ENDPOINT : stripTrailingSlash(endpoint.strip());
            duration = duration == null ? DEFAULT_DURATION : duration;
            cacheSize = cacheSize == null ? DEFAULT_CACHE_SIZE : cacheSize;
        }

        public URI endpointUri() {
            return URI.create(endpoint);
        }
    }
}
