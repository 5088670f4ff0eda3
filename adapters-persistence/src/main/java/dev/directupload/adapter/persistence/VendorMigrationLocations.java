package dev.directupload.adapter.persistence;

import io.micronaut.context.ApplicationContext;
import io.micronaut.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Arrays;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Points Flyway of the default datasource at its vendor's migrations ({@code db/migration/h2|postgresql|mysql}),
 * unless {@code flyway.datasources.default.locations} was set to something other than Flyway's default.
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
        if (Arrays.stream(configuration.getLocations()).allMatch(FLYWAY_DEFAULT::equals)) {
            configuration.locations(DatabaseVendor.of(context).migrationLocation());
        }
    }
}
