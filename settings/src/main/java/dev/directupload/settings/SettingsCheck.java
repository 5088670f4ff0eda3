package dev.directupload.settings;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.ConfigurationReader;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds every settings record of this project ({@code @ConfigurationProperties} under {@code dev.directupload})
 * before any other eager bean, checks its rules and throws one {@link InvalidSettingsException} listing every
 * broken rule; nothing else has started then, so nothing listens.
 */
@Context
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class SettingsCheck {

    private static final String PROJECT_PACKAGE = "dev.directupload.";

    SettingsCheck(ApplicationContext context) {
        SettingsReader reader = new SettingsReader(context);
        List<BeanDefinition<?>> definitions = definitions(context);
        definitions.forEach(reader::learn);

        List<Problem> problems = new ArrayList<>();
        Set<BeanDefinition<?>> unreadable = new HashSet<>();
        for (BeanDefinition<?> definition : definitions) {
            List<Problem> typeProblems = reader.typeProblems(definition);
            if (!typeProblems.isEmpty()) {
                unreadable.add(definition);
                problems.addAll(typeProblems);
            }
        }
        for (BeanDefinition<?> definition : definitions) {
            if (unreadable.contains(definition)) {
                continue;
            }
            Object settings;
            try {
                settings = context.getBean(definition);
            } catch (RuntimeException e) {
                if (unreadable.isEmpty()) {
                    throw e; // not a setting of the wrong type: a bug, keep its stack trace
                }
                continue; // it needs a settings record that could not be read, already reported
            }
            problems.addAll(reader.ruleProblems(definition, settings));
            if (settings instanceof CheckedSettings checked) {
                checked.check(reader.sink(problems));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    /** The settings records active in {@code context} (those of another storage provider are not). */
    public static List<BeanDefinition<?>> definitions(BeanContext context) {
        return context.getBeanDefinitions(Qualifiers.byStereotype(ConfigurationReader.class)).stream()
                .filter(d -> d.getBeanType().getName().startsWith(PROJECT_PACKAGE))
                // settings records only: an @Endpoint also reads configuration but is a component with collaborators
                .filter(d -> d.hasStereotype(ConfigurationProperties.class))
                .sorted(Comparator.comparing(d -> d.getBeanType().getName()))
                .toList();
    }

    /** The full names of the properties {@code definition} binds, e.g. {@code upload.policy-ttl}. */
    public static List<String> properties(BeanDefinition<?> definition) {
        return SettingsReader.settingArguments(definition).stream()
                .map(a -> a.getAnnotationMetadata()
                        .stringValue(Property.class, "name")
                        .orElseThrow())
                .toList();
    }
}
