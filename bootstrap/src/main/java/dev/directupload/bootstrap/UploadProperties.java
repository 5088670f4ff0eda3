package dev.directupload.bootstrap;

import dev.directupload.application.service.media.UploadSettings;
import dev.directupload.domain.family.FamilyQuota;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.upload.UploadPolicyRules;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * {@code upload.*}: what may be uploaded, for how long forms and download URLs live, how often the
 * sweeper runs and how long after a form expired it leaves the slot alone. ({@code upload.rate-limit.*}
 * belongs to the web adapter.)
 */
@ConfigurationProperties("upload")
record UploadProperties(
        @Bindable(defaultValue = "52428800") long maxImageBytes,
        @Bindable(defaultValue = "1073741824") long maxVideoBytes,

        @Bindable(
                defaultValue =
                        "image/jpeg,image/png,image/gif,image/webp,image/heic,image/heif,video/mp4,video/quicktime")
        List<String> allowedTypes,

        @Bindable(defaultValue = "10m") Duration policyTtl,
        @Bindable(defaultValue = "30m") Duration downloadUrlTtl,
        @Bindable(defaultValue = "1m") Duration sweepInterval,
        @Bindable(defaultValue = "2000") int maxPendingPerUser,
        @Bindable(defaultValue = "24h") Duration incomingTtl,
        @Bindable(defaultValue = "7d") Duration slotRetention,
        @Bindable(defaultValue = "30m") Duration sweepGrace,
        Quota quota) {

    /** {@code upload.quota.*}: what one family may store. */
    @ConfigurationProperties("quota")
    record Quota(
            @Bindable(defaultValue = "53687091200") long familyBytes,
            @Bindable(defaultValue = "200000") long familyFiles) {}

    UploadSettings toSettings() {
        var formats = EnumSet.noneOf(FileFormat.class);
        for (String type : allowedTypes) {
            formats.add(FileFormat.ofContentType(type)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "upload.allowed-types: '" + type + "' is not a supported type; supported: "
                                    + EnumSet.allOf(FileFormat.class).stream()
                                            .map(FileFormat::contentType)
                                            .toList())));
        }
        return new UploadSettings(
                new UploadPolicyRules(
                        ByteSize.ofBytes(maxImageBytes), ByteSize.ofBytes(maxVideoBytes), formats, policyTtl),
                downloadUrlTtl,
                new FamilyQuota(ByteSize.ofBytes(quota.familyBytes()), quota.familyFiles()),
                maxPendingPerUser,
                incomingTtl,
                slotRetention);
    }
}
