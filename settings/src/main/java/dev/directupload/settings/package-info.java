/**
 * Every setting is checked before the HTTP server listens, and every broken rule is reported at once.
 *
 * <p>Settings live in {@code @ConfigurationProperties} records. {@link dev.directupload.settings.SettingsCheck}
 * builds each of them first thing at start (so no bean meets a bad setting later, on a request), and collects:
 * values that are not of the property's type (a duration, a whole number, true or false), then the rules below, then
 * the rules of {@link dev.directupload.settings.CheckedSettings} records; all of them end the start in one
 * {@link dev.directupload.settings.InvalidSettingsException}.
 *
 * <p><b>Adding a setting with a rule</b> is one annotation on its record component, next to its default:
 *
 * <pre>{@code
 * @ConfigurationProperties("upload.rate-limit")
 * record RateLimitSettings(
 *         @Positive @Bindable(defaultValue = "60") int capacity,
 *         @DurationRange(max = "1h") @Bindable(defaultValue = "1m") Duration window) {}
 * }</pre>
 *
 * <p>Rules: {@link dev.directupload.settings.Required}, {@link dev.directupload.settings.Positive},
 * {@link dev.directupload.settings.Range}, {@link dev.directupload.settings.DurationRange},
 * {@link dev.directupload.settings.MinLength}, {@link dev.directupload.settings.Matches},
 * {@link dev.directupload.settings.HttpUrl}; {@link dev.directupload.settings.Secret} hides a value in reports. A rule
 * between settings, or against a list of known values, goes in the record's
 * {@link dev.directupload.settings.CheckedSettings#check}. A rule applies to the value configured or to the
 * {@code @Bindable} default; a value the record derives from other settings (a URL from region and bucket) is
 * judged by theirs. Compact constructors may normalise values but never
 * throw: a throw there would report one problem, with a stack trace, instead of all of them. Give the property a
 * row in the README's configuration table stating the rule.
 */
package dev.directupload.settings;
