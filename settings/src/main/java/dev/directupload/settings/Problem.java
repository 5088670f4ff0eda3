package dev.directupload.settings;

import java.util.Locale;
import java.util.Objects;

/**
 * One broken rule.
 *
 * @param property the full property name, e.g. {@code upload.policy-ttl}
 * @param value the value as configured, shown to the user; {@code null} when the setting is missing
 * @param rule what a valid value is, in words
 */
public record Problem(String property, String value, String rule) {

    public Problem {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(rule, "rule");
    }

    /** The environment variable that sets {@code property}: {@code upload.policy-ttl} is {@code UPLOAD_POLICY_TTL}. */
    public String environmentVariable() {
        return environmentVariable(property);
    }

    public static String environmentVariable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
