package dev.directupload.adapter.oss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OssPropertiesTest {

    private static OssProperties withRegion(String region) {
        return new OssProperties(null, region, "album-bucket", null, "ak", "secret", null);
    }

    @Test
    void regionWithOssPrefix_isNormalisedOnce() {
        assertThat(withRegion("oss-cn-hangzhou").region()).isEqualTo("cn-hangzhou");
        assertThat(withRegion(" CN-Shanghai ").region()).isEqualTo("cn-shanghai");
        assertThat(withRegion("cn-hangzhou").region()).isEqualTo("cn-hangzhou");
        assertThatThrownBy(() -> withRegion("hangzhou")).hasMessageContaining("oss.region");
    }

    @Test
    void defaults_derivedFromRegionAndBucket() {
        OssProperties p = withRegion("oss-cn-beijing");
        assertThat(p.endpoint()).isEqualTo("https://oss-cn-beijing.aliyuncs.com");
        assertThat(p.publicUrl()).isEqualTo("https://album-bucket.oss-cn-beijing.aliyuncs.com");
        assertThat(p.sts().endpoint()).isEqualTo("https://sts.cn-hangzhou.aliyuncs.com");
        assertThat(p.sts().duration()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(p.stsMode()).isFalse();
    }

    @Test
    void missingSettings_areNamed() {
        assertThatThrownBy(() -> new OssProperties(null, null, "b-1", null, "ak", "s", null))
                .hasMessageContaining("oss.region")
                .hasMessageContaining("OSS_REGION");
        assertThatThrownBy(() -> new OssProperties(null, "cn-hangzhou", " ", null, "ak", "s", null))
                .hasMessageContaining("oss.bucket");
        assertThatThrownBy(() -> new OssProperties(null, "cn-hangzhou", "b-1", null, null, "s", null))
                .hasMessageContaining("oss.access-key-id");
        assertThatThrownBy(() -> new OssProperties(null, "cn-hangzhou", "b-1", null, "ak", "", null))
                .hasMessageContaining("oss.access-key-secret")
                .hasMessageContaining("OSS_ACCESS_KEY_SECRET");
    }

    @Test
    void stsDuration_mustBeAtLeast900Seconds() {
        assertThatThrownBy(() -> new OssProperties.StsProperties("arn", null, Duration.ofSeconds(899), null))
                .hasMessageContaining("oss.sts.duration");
        assertThat(new OssProperties.StsProperties("arn", "http://127.0.0.1:9999/", Duration.ofSeconds(900), null))
                .satisfies(s -> {
                    assertThat(s.endpoint()).isEqualTo("http://127.0.0.1:9999");
                    assertThat(s.duration()).isEqualTo(Duration.ofSeconds(900));
                    assertThat(s.cacheSize()).isEqualTo(10_000);
                });
        assertThatThrownBy(() -> new OssProperties.StsProperties("arn", "sts.aliyuncs.com", null, null))
                .hasMessageContaining("oss.sts.endpoint");
    }

    @Test
    void stsCacheSize_mustBeAtLeastOne() {
        assertThatThrownBy(() -> new OssProperties.StsProperties("arn", null, null, 0))
                .hasMessageContaining("oss.sts.cache-size");
        assertThat(new OssProperties.StsProperties("arn", null, null, 1).cacheSize())
                .isEqualTo(1);
    }

    @Test
    void toString_neverShowsTheSecret() {
        assertThat(new OssProperties(null, "cn-hangzhou", "b-1", null, "ak", "top-secret-value", null).toString())
                .doesNotContain("top-secret-value");
    }
}
