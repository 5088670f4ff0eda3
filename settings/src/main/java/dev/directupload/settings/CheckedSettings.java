package dev.directupload.settings;

/**
 * A settings record with rules no annotation expresses: between two of its settings, against another setting
 * ({@code storage.provider}), or against a list of known values. {@link SettingsCheck} calls {@link #check} at start
 * with the annotated rules, after the record was built; report with {@link SettingsProblems#add}, never throw.
 */
public interface CheckedSettings {

    void check(SettingsProblems problems);
}
