package dev.directupload.adapter.oss.upload;

import dev.directupload.domain.upload.UploadPolicyRules;
import java.time.Duration;
import java.time.Instant;

/**
 * The last gate before any policy is signed. A policy that fails it is a programming error, never a user error:
 * no key condition, no size range, a lifetime over 15 minutes, or an expiry after the signing credentials'.
 */
final class PolicySafetyCheck {

    private PolicySafetyCheck() {}

    /** @throws IllegalStateException naming the broken rule */
    static void requireSafe(PolicyDocumentWriter policy, Instant credentialsExpireAt) {
        if (policy.key() == null || policy.key().value().isEmpty()) {
            throw refused("it has no key condition (eq or starts-with $key)");
        }
        if (policy.size() == null) {
            throw refused("it has no content-length-range");
        }
        if (policy.bucket() == null || policy.bucket().isEmpty()) {
            throw refused("it has no bucket condition");
        }
        if (!policy.expiration().isAfter(policy.signedAt())) {
            throw refused(
                    "it expires at " + policy.expiration() + ", not after its signing instant " + policy.signedAt());
        }
        Duration ttl = Duration.between(policy.signedAt(), policy.expiration());
        if (ttl.compareTo(UploadPolicyRules.MAX_POLICY_TTL) > 0) {
            throw refused("it would live " + ttl + ", more than " + UploadPolicyRules.MAX_POLICY_TTL);
        }
        if (policy.expiration().isAfter(credentialsExpireAt)) {
            throw refused("it expires at " + policy.expiration() + ", after its credentials do (" + credentialsExpireAt
                    + ")");
        }
    }

    private static IllegalStateException refused(String reason) {
        return new IllegalStateException("Refusing to sign upload policy: " + reason);
    }
}
