package dev.directupload.bootstrap;

import dev.directupload.application.service.media.UploadSettings;
import dev.directupload.domain.family.FamilyQuota;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.upload.UploadPolicyRules;
import dev.directupload.settings.CheckedSettings;
import dev.directupload.settings.DurationRange;
import dev.directupload.settings.Positive;
import dev.directupload.settings.SettingsProblems;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code upload.*}: what may be uploaded, for how long forms and download URLs live, how often the
 * sweeper runs and how long after a form expired it leaves the slot alone. ({@code upload.rate-limit.*}
 * belongs to the web adapter.) The rules are the README's; the settings check applies them at start.
 */
@ConfigurationProperties("upload")
record UploadProperties(
        @Positive @Bindable(defaultValue = "52428800") long maxImageBytes,
        @Positive @Bindable(defaultValue = "1073741824") long maxVideoBytes,

        @Bindable(
                defaultValue =
                        "image/jpeg,image/png,image/gif,image/webp,image/heic,image/heif,video/mp4,video/quicktime")
        List<String> allowedTypes,

        @DurationRange(max = "15m") @Bindable(defaultValue = "10m")
        Duration policyTtl,

        @DurationRange(min = "10m", max = "7d") @Bindable(defaultValue = "30m")
        Duration downloadUrlTtl,

        @DurationRange @Bindable(defaultValue = "1m") Duration sweepInterval,
        @Bindable(defaultValue = "true") boolean sweepEnabled,
        @Positive @Bindable(defaultValue = "2000") int maxPendingPerUser,
        @DurationRange @Bindable(defaultValue = "24h") Duration incomingTtl,
        @DurationRange @Bindable(defaultValue = "7d") Duration slotRetention,

        @DurationRange(min = "0s") @Bindable(defaultValue = "30m")
        Duration sweepGrace,

        Quota quota)
        implements CheckedSettings {

    /** {@code upload.quota.*}: what one family may store. */
    @ConfigurationProperties("quota")
    record Quota(
            @Positive @Bindable(defaultValue = "53687091200")
            long familyBytes,

            @Positive @Bindable(defaultValue = "200000") long familyFiles) {}

    @Override
    public void check(SettingsProblems problems) {
        List<String> unknown = types().stream()
                .filter(type -> FileFormat.ofContentType(type).isEmpty())
                .toList();
        if (types().isEmpty()) {
            problems.add("upload.allowed-types", "at least one MIME type");
        } else if (!unknown.isEmpty()) {
            problems.add(
                    "upload.allowed-types",
                    "known MIME types only (not " + String.join(", ", unknown) + "): "
                            + Arrays.stream(FileFormat.values())
                                    .map(FileFormat::contentType)
                                    .collect(Collectors.joining(", ")));
        }
        if (incomingTtl.compareTo(policyTtl) <= 0) {
            problems.add("upload.incoming-ttl", "longer than upload.policy-ttl");
        }
    }

    /** The listed types without blank entries ({@code UPLOAD_ALLOWED_TYPES="image/jpeg,"}). */
    private List<String> types() {
        return allowedTypes.stream().filter(type -> !type.isBlank()).toList();
    }

    UploadSettings toSettings() {
        var formats = EnumSet.noneOf(FileFormat.class);
        types().forEach(type -> formats.add(FileFormat.ofContentType(type).orElseThrow()));
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
