package dev.directupload.adapter.oss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.directupload.settings.InvalidSettingsException;
import dev.directupload.settings.Problem;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The {@code oss.*} record: normalisation and defaults on its own, its rules as the start checks them. */
class OssPropertiesTest {

    private static OssProperties withRegion(String region) {
        return new OssProperties(null, region, "album-bucket", null, "ak", "secret", null);
    }

    private static List<Problem> problemsAtStart(Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put("storage.provider", "oss");
        Throwable thrown = Assertions.assertThrows(
                RuntimeException.class, () -> ApplicationContext.run(config).close());
        InvalidSettingsException invalid = InvalidSettingsException.findIn(thrown);
        assertThat(invalid).as("%s", thrown).isNotNull();
        return invalid.problems();
    }

    private static Map<String, Object> complete() {
        Map<String, Object> config = new HashMap<>();
        config.put("oss.region", "cn-hangzhou");
        config.put("oss.bucket", "album-bucket");
        config.put("oss.access-key-id", "ak");
        config.put("oss.access-key-secret", "secret");
        return config;
    }

    @Test
    void regionWithOssPrefix_isNormalisedOnce() {
        assertThat(withRegion("oss-cn-hangzhou").region()).isEqualTo("cn-hangzhou");
        assertThat(withRegion(" CN-Shanghai ").region()).isEqualTo("cn-shanghai");
        assertThat(withRegion("cn-hangzhou").region()).isEqualTo("cn-hangzhou");
    }

    @Test
    void defaults_derivedFromRegionAndBucket() {
        OssProperties p = withRegion("oss-cn-beijing");
        assertThat(p.endpoint()).isEqualTo("https://oss-cn-beijing.aliyuncs.com");
        assertThat(p.publicUrl()).isEqualTo("https://album-bucket.oss-cn-beijing.aliyuncs.com");
        assertThat(p.sts().endpoint()).isEqualTo("https://sts.cn-hangzhou.aliyuncs.com");
        assertThat(p.sts().duration()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(p.sts().cacheSize()).isEqualTo(10_000);
        assertThat(p.stsMode()).isFalse();
        assertThat(new OssProperties.StsProperties("arn", "http://127.0.0.1:9999/", null, null).endpoint())
                .isEqualTo("http://127.0.0.1:9999");
    }

    @Test
    void nothingSet_everyMissingSettingIsNamedAtOnce() {
        assertThat(problemsAtStart(Map.of()))
                .extracting(Problem::property, Problem::value, Problem::rule, Problem::environmentVariable)
                .containsExactly(
                        tuple("oss.access-key-id", null, "required with storage.provider=oss", "OSS_ACCESS_KEY_ID"),
                        tuple(
                                "oss.access-key-secret",
                                null,
                                "required with storage.provider=oss",
                                "OSS_ACCESS_KEY_SECRET"),
                        tuple("oss.bucket", null, "required with storage.provider=oss", "OSS_BUCKET"),
                        tuple("oss.region", null, "required with storage.provider=oss", "OSS_REGION"));
    }

    @Test
    void malformedValues_areRefusedTogether() {
        Map<String, Object> config = complete();
        config.put("oss.region", "hangzhou");
        config.put("oss.bucket", "Album_1");
        config.put("oss.endpoint", "oss-cn-hangzhou.aliyuncs.com");
        config.put("oss.public-url", "ftp://upload.example.com");
        config.put("oss.sts.role-arn", "uploader");
        config.put("oss.sts.endpoint", "sts.aliyuncs.com");
        config.put("oss.sts.duration", "899s");
        config.put("oss.sts.cache-size", "0");

        assertThat(problemsAtStart(config))
                .extracting(Problem::property, Problem::value)
                .containsExactly(
                        tuple("oss.bucket", "Album_1"),
                        tuple("oss.endpoint", "oss-cn-hangzhou.aliyuncs.com"),
                        tuple("oss.public-url", "ftp://upload.example.com"),
                        tuple("oss.region", "hangzhou"),
                        tuple("oss.sts.cache-size", "0"),
                        tuple("oss.sts.duration", "899s"),
                        tuple("oss.sts.endpoint", "sts.aliyuncs.com"),
                        tuple("oss.sts.role-arn", "uploader"));
    }

    @Test
    void stsDuration_from900SecondsTo12Hours() {
        Map<String, Object> config = complete();
        config.put("oss.sts.duration", "13h");
        assertThat(problemsAtStart(config))
                .extracting(Problem::property, Problem::rule)
                .containsExactly(tuple("oss.sts.duration", "from 900s to 12h"));
    }

    @Test
    void theSecret_isNeverShown() {
        Map<String, Object> config = complete();
        config.put("oss.access-key-secret", "top-secret-value");
        config.put("oss.bucket", "x");
        Throwable thrown =
                Assertions.assertThrows(RuntimeException.class, () -> ApplicationContext.run(withProvider(config)));
        assertThat(thrown)
                .hasStackTraceContaining("oss.bucket")
                .satisfies(t -> assertThat(stackTrace(t)).doesNotContain("top-secret-value"));
        assertThat(new OssProperties(null, "cn-hangzhou", "b-1", null, "ak", "top-secret-value", null).toString())
                .doesNotContain("top-secret-value");
    }

    private static Map<String, Object> withProvider(Map<String, Object> config) {
        Map<String, Object> copy = new HashMap<>(config);
        copy.put("storage.provider", "oss");
        return copy;
    }

    private static String stackTrace(Throwable thrown) {
        var out = new java.io.StringWriter();
        thrown.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
