package dev.directupload.adapter.persistence;

import io.micronaut.core.value.PropertyResolver;
import java.util.Locale;
import java.util.Optional;

/**
 * The SQL dialect family the default datasource speaks, decided once from configuration: the explicit
 * {@code datasources.default.dialect} when set, otherwise the JDBC URL ({@code jdbc:h2:}, {@code jdbc:postgresql:},
 * {@code jdbc:mariadb:} / {@code jdbc:mysql:}). It selects both the repository implementations and the
 * migration folder, so a PostgreSQL or MySQL URL works without further settings.
 */
public enum DatabaseVendor {
    H2("h2"),
    POSTGRES("postgresql"),
    MYSQL("mysql");

    static final String DIALECT_PROPERTY = "datasources.default.dialect";
    static final String URL_PROPERTY = "datasources.default.url";

    private final String migrationFolder;

    DatabaseVendor(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    /** Where this vendor's Flyway migrations live on the classpath. */
    public String migrationLocation() {
        return "classpath:db/migration/" + migrationFolder;
    }

    /** The vendor of the default datasource; H2 when nothing is configured (the embedded default). */
    public static DatabaseVendor of(PropertyResolver config) {
        Optional<String> dialect = config.get(DIALECT_PROPERTY, String.class).filter(s -> !s.isBlank());
        if (dialect.isPresent()) {
            return ofDialect(dialect.get());
        }
        return config.get(URL_PROPERTY, String.class).map(DatabaseVendor::ofUrl).orElse(H2);
    }

    static DatabaseVendor ofDialect(String dialect) {
        return switch (dialect.trim().toUpperCase(Locale.ROOT)) {
            case "H2" -> H2;
            case "POSTGRES", "POSTGRESQL" -> POSTGRES;
            case "MYSQL", "MARIADB" -> MYSQL;
            default ->
                throw new IllegalStateException(
                        DIALECT_PROPERTY + " '" + dialect + "' is not supported; use H2, POSTGRES or MYSQL");
        };
    }

    static DatabaseVendor ofUrl(String url) {
        String lower = url.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return POSTGRES;
        }
        if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
            return MYSQL;
        }
        throw new IllegalStateException(URL_PROPERTY + " '" + url
                + "' is not an H2, PostgreSQL, MariaDB or MySQL JDBC URL; set " + DIALECT_PROPERTY);
    }
}
