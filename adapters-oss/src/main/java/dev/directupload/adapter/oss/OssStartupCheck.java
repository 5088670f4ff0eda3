package dev.directupload.adapter.oss;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Validates the {@code oss.*} settings when the context starts (fail fast) and warns in static-key mode. */
@Context
@Requires(property = "storage.provider", value = "oss")
class OssStartupCheck {

    private static final Logger LOG = LoggerFactory.getLogger(OssStartupCheck.class);

    OssStartupCheck(OssProperties properties) {
        if (properties.stsMode()) {
            LOG.info(
                    "OSS storage: bucket {} in {}, upload forms signed with STS credentials of role {}",
                    properties.bucket(),
                    properties.region(),
                    properties.sts().roleArn());
        } else {
            LOG.warn(
                    "OSS storage in static-key mode (no oss.sts.role-arn): upload forms are signed with the "
                            + "service's RAM key {} instead of prefix-scoped STS credentials. Development only.",
                    properties.accessKeyId());
        }
    }
}
