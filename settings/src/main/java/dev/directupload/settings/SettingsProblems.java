package dev.directupload.settings;

import java.util.Optional;

/** Where {@link CheckedSettings} report broken rules; every report is shown at once when the start is refused. */
public interface SettingsProblems {

    /**
     * Reports that {@code property} breaks {@code rule}; the report shows the configured value (or "missing", and
     * never the value of a {@link Secret}) and the environment variable that sets it.
     *
     * @param property the full property name, e.g. {@code upload.allowed-types}
     * @param rule what a valid value is, in words, e.g. "longer than upload.policy-ttl (10m)"
     */
    void add(String property, String rule);

    /** The value of any setting as configured (application.yml, -D or the environment), for rules between settings. */
    Optional<String> setting(String property);
}
