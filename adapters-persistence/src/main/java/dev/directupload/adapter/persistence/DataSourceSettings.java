package dev.directupload.adapter.persistence;

import dev.directupload.settings.CheckedSettings;
import dev.directupload.settings.Matches;
import dev.directupload.settings.Required;
import dev.directupload.settings.Secret;
import dev.directupload.settings.SettingsProblems;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The {@code datasources.default.*} settings this service reads besides Micronaut's own datasource: checked at
 * start with the others, so that an unknown database is named before a connection is tried.
 *
 * @param url the JDBC URL; H2, PostgreSQL, MariaDB or MySQL unless {@code dialect} says which
 * @param dialect {@code H2}, {@code POSTGRES} or {@code MYSQL}, to override what the URL says
 */
@ConfigurationProperties("datasources.default")
record DataSourceSettings(
        @Required @Nullable String url,

        @Matches(value = "(?i)h2|postgres|postgresql|mysql|mariadb", rule = "H2, POSTGRES or MYSQL") @Nullable
        String dialect,

        @Nullable String username,
        @Secret @Nullable String password)
        implements CheckedSettings {

    @Override
    public void check(SettingsProblems problems) {
        if (url != null && !url.isBlank() && (dialect == null || dialect.isBlank())) {
            try {
                DatabaseVendor.ofUrl(url);
            } catch (IllegalStateException unknown) {
                problems.add(
                        DatabaseVendor.URL_PROPERTY,
                        "a jdbc:h2:, jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql: URL, or set "
                                + DatabaseVendor.DIALECT_PROPERTY);
            }
        }
    }

    @Override
    public String toString() {
        return "DataSourceSettings[url=" + url + ", dialect=" + dialect + ", username=" + username + ", password=***]";
    }
}
