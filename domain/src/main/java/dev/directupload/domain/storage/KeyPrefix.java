package dev.directupload.domain.storage;

import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;

/** A key prefix ending in '/', for prefix ("starts-with") upload policies; same syntax rules as keys. */
public record KeyPrefix(String value) {

    public KeyPrefix {
        ObjectKey.KeyRules.check("key prefix", value, true);
    }

    /** Where a member's article-style (prefix) uploads go: {@code families/{family_id}/incoming/{user_id}/}. */
    public static KeyPrefix incoming(FamilyId family, UserId user) {
        return new KeyPrefix("families/" + family.value() + "/incoming/" + user.value() + "/");
    }

    /** Where per-file uploads land on stores whose forms cannot forbid overwriting (MinIO / S3). */
    public static KeyPrefix staging(FamilyId family) {
        return new KeyPrefix("families/" + family.value() + "/staging/");
    }

    /** Every family's keys: what the sweeper scans for objects nothing records. */
    public static KeyPrefix allFamilies() {
        return new KeyPrefix("families/");
    }

    /** Everything of a family: what its temporary upload credentials may write. */
    public static KeyPrefix family(FamilyId family) {
        return new KeyPrefix("families/" + family.value() + "/");
    }

    /** The prefix without its trailing '/', as the article-compatible {@code file_base_path}. */
    public String basePath() {
        return value.substring(0, value.length() - 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
