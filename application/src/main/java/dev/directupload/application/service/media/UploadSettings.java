package dev.directupload.application.service.media;

import dev.directupload.domain.upload.UploadPolicyRules;
import java.time.Duration;
import java.util.Objects;

/** The upload configuration the services need: policy rules and how long download URLs live (>= 10 min). */
public record UploadSettings(UploadPolicyRules rules, Duration downloadUrlTtl) {

    public static final Duration MIN_DOWNLOAD_URL_TTL = Duration.ofMinutes(10);

    public UploadSettings {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(downloadUrlTtl, "downloadUrlTtl");
        if (downloadUrlTtl.compareTo(MIN_DOWNLOAD_URL_TTL) < 0 || downloadUrlTtl.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException(
                    "upload.download-url-ttl must be between 10 minutes and 7 days, was " + downloadUrlTtl);
        }
    }

    public static UploadSettings defaults() {
        return new UploadSettings(UploadPolicyRules.defaults(), Duration.ofMinutes(30));
    }
}
