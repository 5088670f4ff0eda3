package dev.directupload.adapter.oss.upload;

import dev.directupload.domain.storage.KeyPrefix;
import java.util.regex.Pattern;

/**
 * The STS session policy and role session name for one key-prefix scope: {@code oss:PutObject} on
 * {@code acs:oss:*:*:{bucket}/{prefix}*} and nothing else.
 */
record SessionPolicy(String bucket, KeyPrefix scope) {

    /** Characters allowed in a scoped prefix: no wildcards ({@code * ?}) and nothing that needs JSON escaping. */
    private static final Pattern SAFE_SCOPE = Pattern.compile("[A-Za-z0-9._/-]+/");

    private static final Pattern SESSION_NAME = Pattern.compile("[A-Za-z0-9.@_-]{2,64}");

    SessionPolicy {
        if (!SAFE_SCOPE.matcher(scope.value()).matches()) {
            throw new IllegalArgumentException("credential scope " + scope + " must be letters, digits, '.', '_', '-' "
                    + "and '/' only (no wildcards)");
        }
    }

    /** The session policy JSON (well under STS's 2048-character limit for any valid scope and bucket). */
    String json() {
        return "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"oss:PutObject\"],"
                + "\"Resource\":[\"acs:oss:*:*:" + bucket + "/" + scope.value() + "*\"]}]}";
    }

    /** A RoleSessionName derived from the scope: 2-64 of letters, digits, {@code . @ - _}. */
    String roleSessionName() {
        String name = "du." + scope.basePath().replace('/', '.');
        if (name.length() > 64) {
            name = name.substring(name.length() - 64);
        }
        if (!SESSION_NAME.matcher(name).matches()) {
            throw new IllegalStateException("derived role session name is invalid: " + name);
        }
        return name;
    }
}
