package dev.directupload.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check on its own, with settings records of its own: each rule, all problems at once, values hidden. */
class SettingsCheckTest {

    @ConfigurationProperties("sample")
    record SampleSettings(
            @Positive @Bindable(defaultValue = "5") long size,

            @Range(min = -1, max = 10) @Bindable(defaultValue = "3")
            int port,

            @DurationRange(max = "15m") @Bindable(defaultValue = "10m")
            Duration ttl,

            @DurationRange(min = "10m", max = "7d") @Bindable(defaultValue = "30m")
            Duration keep,

            @Bindable(defaultValue = "true") boolean enabled,
            @ReadableBytes @Bindable(defaultValue = "1GB") long reserve,

            @Matches(value = "a|b", rule = "a or b") @Bindable(defaultValue = "a")
            String letter,

            @HttpUrl @Nullable String url,
            @HttpUrl(path = false) @Nullable String base,
            @Secret @MinLength(8) @Nullable String password,
            @Bindable(defaultValue = "x,y") List<String> names,
            Nested nested)
            implements CheckedSettings {

        @ConfigurationProperties("nested")
        record Nested(
                @Positive @Bindable(defaultValue = "1") int count) {}

        @Override
        public void check(SettingsProblems problems) {
            if (names.contains("bad")) {
                problems.add(
                        "sample.names",
                        "no 'bad' (letter is "
                                + problems.setting("sample.letter").orElse("?") + ")");
            }
        }
    }

    @ConfigurationProperties("conditional")
    @Requires(property = "conditional.on", value = "yes")
    record ConditionalSettings(@Required @Nullable String name) {}

    private static InvalidSettingsException refused(Map<String, Object> properties) {
        Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(
                RuntimeException.class, () -> ApplicationContext.run(properties).close());
        InvalidSettingsException invalid = InvalidSettingsException.findIn(thrown);
        assertThat(invalid).as("cause of %s", thrown).isNotNull();
        return invalid;
    }

    @Test
    void defaults_startAndEveryRecordIsBuiltAtStart() {
        try (ApplicationContext context = ApplicationContext.run()) {
            assertThat(context.getActiveBeanRegistrations(SampleSettings.class)).hasSize(1);
            assertThat(context.getActiveBeanRegistrations(SampleSettings.Nested.class))
                    .hasSize(1);
            assertThat(SettingsCheck.definitions(context))
                    .extracting(d -> d.getBeanType().getSimpleName())
                    .containsExactlyInAnyOrder("Nested", "SampleSettings");
        }
    }

    @Test
    void everyBrokenRule_isReportedTogether_inOneBlock() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("sample.size", "-5");
        bad.put("sample.port", "11");
        bad.put("sample.ttl", "1h");
        bad.put("sample.keep", "8d");
        bad.put("sample.letter", "c");
        bad.put("sample.url", "ftp://x");
        bad.put("sample.base", "http://h:9000/path");
        bad.put("sample.password", "short");
        bad.put("sample.names", "x,bad");
        bad.put("sample.nested.count", "0");

        InvalidSettingsException invalid = refused(bad);

        assertThat(invalid.problems())
                .extracting(Problem::property, Problem::value, Problem::rule)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "sample.base", "http://h:9000/path", "http(s)://host[:port], no path"),
                        org.assertj.core.groups.Tuple.tuple("sample.keep", "8d", "from 10m to 7d"),
                        org.assertj.core.groups.Tuple.tuple("sample.letter", "c", "a or b"),
                        org.assertj.core.groups.Tuple.tuple("sample.names", "x,bad", "no 'bad' (letter is c)"),
                        org.assertj.core.groups.Tuple.tuple("sample.nested.count", "0", "greater than 0"),
                        org.assertj.core.groups.Tuple.tuple(
                                "sample.password", "(hidden, 5 characters)", "at least 8 characters"),
                        org.assertj.core.groups.Tuple.tuple("sample.port", "11", "from -1 to 10"),
                        org.assertj.core.groups.Tuple.tuple("sample.size", "-5", "greater than 0"),
                        org.assertj.core.groups.Tuple.tuple("sample.ttl", "1h", "longer than 0 and at most 15m"),
                        org.assertj.core.groups.Tuple.tuple(
                                "sample.url", "ftp://x", "an http(s) URL such as https://host[:port][/path]"));
        assertThat(invalid.getMessage())
                .startsWith("Invalid configuration, the service did not start. Fix these 10 settings:")
                .contains("  sample.ttl = 1h\n      rule: longer than 0 and at most 15m\n"
                        + "      set:  environment variable SAMPLE_TTL")
                .doesNotContain("short");
    }

    @Test
    void valuesOfTheWrongType_areReportedWithTheOtherProblems() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("sample.size", "five");
        bad.put("sample.ttl", "ten minutes");
        bad.put("sample.enabled", "maybe");
        bad.put("sample.reserve", "lots");
        bad.put("sample.nested.count", "-1");

        InvalidSettingsException invalid = refused(bad);

        assertThat(invalid.problems())
                .extracting(Problem::property, Problem::rule)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("sample.enabled", "true or false"),
                        org.assertj.core.groups.Tuple.tuple("sample.nested.count", "greater than 0"),
                        org.assertj.core.groups.Tuple.tuple(
                                "sample.reserve", "a size in bytes, or with KB, MB or GB (e.g. 1GB)"),
                        org.assertj.core.groups.Tuple.tuple("sample.size", "a whole number"),
                        org.assertj.core.groups.Tuple.tuple("sample.ttl", "a duration such as 90s, 10m, 2h or 7d"));
    }

    @Test
    void requiredSettingOfAConditionalRecord_namesTheCondition_andShowsMissing() {
        InvalidSettingsException invalid = refused(Map.of("conditional.on", "yes"));

        assertThat(invalid.problems())
                .containsExactly(new Problem("conditional.name", null, "required with conditional.on=yes"));
        assertThat(invalid.getMessage())
                .contains("  conditional.name: missing\n      rule: required with conditional.on=yes");
    }

    @Test
    void recordOfAnInactiveCondition_isNotChecked() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("conditional.on", "no"))) {
            assertThat(context.findBean(ConditionalSettings.class)).isEmpty();
        }
    }

    @Test
    void acceptedValues_start() {
        Map<String, Object> good = new HashMap<>();
        good.put("sample.size", "1");
        good.put("sample.port", "-1");
        good.put("sample.ttl", "15m");
        good.put("sample.keep", "7d");
        good.put("sample.enabled", "off");
        good.put("sample.reserve", "512MB");
        good.put("sample.url", "https://cdn.example.com/base");
        good.put("sample.base", "http://127.0.0.1:9000/");
        good.put("sample.password", "long-enough");
        try (ApplicationContext context = ApplicationContext.run(good)) {
            SampleSettings settings = context.getBean(SampleSettings.class);
            assertThat(settings.reserve()).isEqualTo(512L * 1024 * 1024);
            assertThat(settings.enabled()).isFalse();
        }
    }

    @Test
    void theReport_isWhatStopsTheStart_notABeanFailure() {
        assertThatThrownBy(
                        () -> ApplicationContext.run(Map.of("sample.size", "0")).close())
                .isInstanceOf(BeanInstantiationException.class)
                .hasRootCauseInstanceOf(InvalidSettingsException.class);
    }
}
