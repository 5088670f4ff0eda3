package dev.directupload.bootstrap.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.application.service.media.UploadSettings;
import dev.directupload.settings.SettingsCheck;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.ConfigurationReader;
import io.micronaut.core.io.service.MicronautMetaServiceLoaderUtils;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.BeanDefinitionReference;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No request can meet a configuration error: every settings record is built and checked at start, before the
 * server listens; and the settings the records bind are exactly the README's configuration table.
 */
class SettingsAtStartTest {

    @Test
    void everySettingsRecord_isBuiltAtStart_beforeAnyRequest() {
        try (EmbeddedServer server =
                ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1))) {
            ApplicationContext context = server.getApplicationContext();
            List<BeanDefinition<?>> settings = SettingsCheck.definitions(context);
            assertThat(settings)
                    .extracting(d -> d.getBeanType().getSimpleName())
                    .contains("UploadProperties", "Quota", "StorageSettings", "AuthSettings", "RateLimitSettings");
            for (BeanDefinition<?> definition : settings) {
                assertThat(context.getActiveBeanRegistrations(definition.getBeanType()))
                        .as("%s was built at start", definition.getBeanType().getName())
                        .isNotEmpty();
            }
            // what the use cases are built from exists already too
            assertThat(context.getActiveBeanRegistrations(UploadSettings.class)).isNotEmpty();
            assertThat(context.getBeanDefinition(SettingsCheck.class).isSingleton())
                    .isTrue();
        }
    }

    @Test
    void theSettingsRecords_bindExactlyTheReadmesConfigurationTable() throws IOException {
        TreeSet<String> bound = new TreeSet<>();
        try (ApplicationContext context = ApplicationContext.run()) {
            // every record on the classpath, also those of the storage providers not selected (the context lists
            // only the active ones)
            for (BeanDefinitionReference<?> reference : MicronautMetaServiceLoaderUtils.findMetaMicronautServiceEntries(
                    getClass().getClassLoader(), BeanDefinitionReference.class, BeanDefinitionReference::isPresent)) {
                if (reference.getBeanType().getName().startsWith("dev.directupload.")
                        && reference.hasStereotype(ConfigurationReader.class)) {
                    bound.addAll(SettingsCheck.properties(reference.load(context)));
                }
            }
        }
        assertThat(bound).isEqualTo(readmeSettings());
    }

    /** The property names of the README's "Configuration" table. */
    private static TreeSet<String> readmeSettings() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String table = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("## Durability"));
        TreeSet<String> names = new TreeSet<>();
        Pattern row = Pattern.compile("^\\| `([a-z0-9.-]+)`(?: / `(\\.[a-z0-9.-]+)`)? \\|", Pattern.MULTILINE);
        Matcher matcher = row.matcher(table);
        while (matcher.find()) {
            String name = matcher.group(1);
            names.add(name);
            if (matcher.group(2) != null) {
                names.add(name.substring(0, name.lastIndexOf('.')) + matcher.group(2));
            }
        }
        List<String> sanity = new ArrayList<>(names);
        assertThat(sanity).contains("storage.provider", "upload.policy-ttl", "datasources.default.password");
        return names;
    }
}
