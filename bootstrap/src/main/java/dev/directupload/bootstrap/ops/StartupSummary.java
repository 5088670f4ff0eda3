package dev.directupload.bootstrap.ops;

import dev.directupload.adapter.localstorage.BucketUrl;
import dev.directupload.adapter.localstorage.LocalStorageProperties;
import dev.directupload.adapter.minio.MinioProperties;
import dev.directupload.adapter.oss.OssProperties;
import dev.directupload.adapter.persistence.DatabaseVendor;
import dev.directupload.adapter.web.auth.DevLoginPolicy;
import io.micronaut.context.BeanContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line at start with the effective configuration an operator checks first, and nothing secret: storage
 * provider, bucket, region, the URL clients post forms to, database vendor, development login, upload callback.
 */
@Singleton
final class StartupSummary implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(StartupSummary.class);

    private final BeanContext beans;
    private final Environment environment;
    private final DevLoginPolicy devLogin;

    StartupSummary(BeanContext beans, Environment environment, DevLoginPolicy devLogin) {
        this.beans = beans;
        this.environment = environment;
        this.devLogin = devLogin;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        LOG.info(line());
    }

    String line() {
        String provider =
                environment.getProperty("storage.provider", String.class).orElse("local");
        String bucket;
        String region;
        String publicUrl;
        switch (provider) {
            case "oss" -> {
                OssProperties oss = beans.getBean(OssProperties.class);
                bucket = oss.bucket();
                region = oss.region();
                publicUrl = oss.publicUrl();
            }
            case "minio" -> {
                MinioProperties minio = beans.getBean(MinioProperties.class);
                bucket = minio.bucket();
                region = minio.region();
                publicUrl = minio.uploadUrl();
            }
            default -> {
                LocalStorageProperties local = beans.getBean(LocalStorageProperties.class);
                bucket = local.bucket();
                region = local.region();
                publicUrl = beans.getBean(BucketUrl.class).value();
            }
        }
        boolean callback = environment
                .getProperty("oss.callback.url", String.class)
                .filter(url -> !url.isBlank())
                .isPresent();
        return "Configuration: provider=" + provider
                + " bucket=" + bucket
                + " region=" + region
                + " public-url=" + publicUrl
                + " database=" + DatabaseVendor.of(environment)
                + " dev-login=" + (devLogin.enabled() ? "on" : "off")
                + " callback=" + (callback ? "on" : "off");
    }
}
