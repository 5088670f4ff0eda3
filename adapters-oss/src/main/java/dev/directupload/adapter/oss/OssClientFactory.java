package dev.directupload.adapter.oss;

import com.aliyun.oss.OSS;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.profile.DefaultProfile;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the adapter's SDK clients (service OSS client, STS client) and closes them on shutdown. */
@Factory
@Requires(property = "storage.provider", value = "oss")
class OssClientFactory {

    @Singleton
    @Bean(preDestroy = "shutdown")
    OSS serviceOssClient(OssProperties properties) {
        return properties.newClient(
                new DefaultCredentialProvider(properties.accessKeyId(), properties.accessKeySecret()));
    }

    @Singleton
    @Requires(property = "oss.sts.role-arn")
    @Bean(preDestroy = "shutdown")
    IAcsClient stsClient(OssProperties properties) {
        DefaultProfile profile =
                DefaultProfile.getProfile(properties.region(), properties.accessKeyId(), properties.accessKeySecret());
        profile.getHttpClientConfig().setConnectionTimeoutMillis(5_000);
        profile.getHttpClientConfig().setReadTimeoutMillis(10_000);
        return new DefaultAcsClient(profile);
    }

    @Singleton
    @Requires(missingBeans = Clock.class)
    Clock ossClock() {
        return Clock.systemUTC();
    }
}
