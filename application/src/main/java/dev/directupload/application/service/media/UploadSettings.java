package dev.directupload.application.service.media;

import dev.directupload.domain.family.FamilyQuota;
import dev.directupload.domain.upload.UploadPolicyRules;
import java.time.Duration;
import java.util.Objects;

/**
 * The upload configuration the services need.
 *
 * @param downloadUrlTtl how long presigned download URLs live (10 minutes to 7 days)
 * @param quota what one family may store
 * @param maxPendingPerUser how many unfinished upload slots one user may hold
 * @param incomingTtl how long an uploaded object nothing records may stay before the sweeper deletes it
 * @param slotRetention how long finished (completed or expired) slots are kept before they are purged
 */
public record UploadSettings(
        UploadPolicyRules rules,
        Duration downloadUrlTtl,
        FamilyQuota quota,
        int maxPendingPerUser,
        Duration incomingTtl,
        Duration slotRetention) {

    public static final Duration MIN_DOWNLOAD_URL_TTL = Duration.ofMinutes(10);

    public UploadSettings {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(downloadUrlTtl, "downloadUrlTtl");
        Objects.requireNonNull(quota, "quota");
        Objects.requireNonNull(incomingTtl, "incomingTtl");
        Objects.requireNonNull(slotRetention, "slotRetention");
        if (downloadUrlTtl.compareTo(MIN_DOWNLOAD_URL_TTL) < 0 || downloadUrlTtl.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException(
                    "upload.download-url-ttl must be between 10 minutes and 7 days, was " + downloadUrlTtl);
        }
        if (maxPendingPerUser <= 0) {
            throw new IllegalArgumentException("upload.max-pending-per-user must be > 0, was " + maxPendingPerUser);
        }
        if (incomingTtl.compareTo(rules.policyTtl()) <= 0) {
            throw new IllegalArgumentException(
                    "upload.incoming-ttl must be longer than upload.policy-ttl, was " + incomingTtl);
        }
        if (slotRetention.isNegative() || slotRetention.isZero()) {
            throw new IllegalArgumentException("upload.slot-retention must be > 0, was " + slotRetention);
        }
    }

    public static UploadSettings defaults() {
        return new UploadSettings(
                UploadPolicyRules.defaults(),
                Duration.ofMinutes(30),
                FamilyQuota.defaults(),
                2_000,
                Duration.ofHours(24),
                Duration.ofDays(7));
    }

    public UploadSettings withQuota(FamilyQuota newQuota) {
        return new UploadSettings(rules, downloadUrlTtl, newQuota, maxPendingPerUser, incomingTtl, slotRetention);
    }

    public UploadSettings withMaxPendingPerUser(int max) {
        return new UploadSettings(rules, downloadUrlTtl, quota, max, incomingTtl, slotRetention);
    }
}
