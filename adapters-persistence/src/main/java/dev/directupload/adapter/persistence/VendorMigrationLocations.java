package dev.directupload.adapter.persistence;

import io.micronaut.context.ApplicationContext;
import io.micronaut.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Points Flyway of the default datasource at the common migrations ({@code db/migration/common}) plus its vendor's
 * own ({@code db/migration/h2|postgresql|mysql}, when that folder exists), unless
 * {@code flyway.datasources.default.locations} was set to something other than Flyway's default; and gives the
 * vendor's values to the schema's placeholders (a placeholder configured explicitly keeps its value).
 */
@Singleton
@Named("default")
public class VendorMigrationLocations implements FlywayConfigurationCustomizer {

    private static final Location FLYWAY_DEFAULT = new Location("classpath:db/migration");

    private final ApplicationContext context;

    VendorMigrationLocations(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public String getName() {
        return "default";
    }

    @Override
    public void customizeFluentConfiguration(FluentConfiguration configuration) {
        DatabaseVendor vendor = DatabaseVendor.of(context);
        if (Arrays.stream(configuration.getLocations()).allMatch(FLYWAY_DEFAULT::equals)) {
            List<String> locations = new ArrayList<>(List.of("classpath:" + DatabaseVendor.COMMON_MIGRATIONS));
            if (onClasspath(configuration.getClassLoader(), vendor.vendorMigrations())) {
                locations.add("classpath:" + vendor.vendorMigrations());
            }
            configuration.locations(locations.toArray(String[]::new));
        }
        Map<String, String> placeholders = new HashMap<>(vendor.schemaPlaceholders());
        placeholders.putAll(configuration.getPlaceholders());
        configuration.placeholders(placeholders);
    }

    /** Whether Flyway, which looks a location up the same way, would find the folder. */
    private static boolean onClasspath(ClassLoader classLoader, String folder) {
        try {
            return classLoader.getResources(folder).hasMoreElements();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for " + folder + " on the classpath", e);
        }
    }
}
