package dev.directupload.settings;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.core.reflect.ReflectionUtils;
import io.micronaut.core.type.Argument;
import io.micronaut.inject.BeanDefinition;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads settings records for {@link SettingsCheck}: configured values, their types, and the rules on components. */
final class SettingsReader {

    private static final Set<String> BOOLEAN_WORDS = Set.of("true", "false", "yes", "no", "y", "n", "on", "off");

    private final Environment environment;
    private final ConversionService conversion;
    private final Rules rules;
    private final Set<String> secrets = new HashSet<>();
    private final Map<String, String> defaults = new HashMap<>();

    SettingsReader(ApplicationContext context) {
        this.environment = context.getEnvironment();
        this.conversion = context.getConversionService();
        this.rules = new Rules(conversion);
    }

    /** The constructor arguments of a settings record that are properties (not nested settings records). */
    static List<Argument<?>> settingArguments(BeanDefinition<?> definition) {
        return Arrays.stream(definition.getConstructor().getArguments())
                .filter(a -> a.getAnnotationMetadata()
                        .stringValue(Property.class, "name")
                        .isPresent())
                .toList();
    }

    private static String name(Argument<?> argument) {
        return argument.getAnnotationMetadata()
                .stringValue(Property.class, "name")
                .orElseThrow();
    }

    /** Notes which properties of {@code definition} are secret and what their defaults are. */
    void learn(BeanDefinition<?> definition) {
        for (Argument<?> argument : settingArguments(definition)) {
            AnnotationMetadata metadata = argument.getAnnotationMetadata();
            if (metadata.hasAnnotation(Secret.class)) {
                secrets.add(name(argument));
            }
            metadata.stringValue(Bindable.class, "defaultValue").ifPresent(d -> defaults.put(name(argument), d));
        }
    }

    /** The configured values of {@code definition} that are not of their property's type. */
    List<Problem> typeProblems(BeanDefinition<?> definition) {
        List<Problem> problems = new ArrayList<>();
        for (Argument<?> argument : settingArguments(definition)) {
            String property = name(argument);
            Optional<Object> raw = environment.getProperty(property, Object.class);
            if (raw.isPresent() && !converts(raw.get(), argument)) {
                problems.add(new Problem(property, shown(property), typeRule(argument)));
            }
        }
        return problems;
    }

    private boolean converts(Object raw, Argument<?> argument) {
        if (ReflectionUtils.getWrapperType(argument.getType()) == Boolean.class && raw instanceof CharSequence text) {
            // Micronaut reads any word but yes/y/on/true as false; a typo must not switch a feature off silently.
            return BOOLEAN_WORDS.contains(text.toString().strip().toLowerCase(Locale.ROOT));
        }
        ArgumentConversionContext<?> context = ConversionContext.of(argument);
        Optional<?> converted = conversion.convert(raw, context);
        return converted.isPresent() && context.getLastError().isEmpty();
    }

    private static String typeRule(Argument<?> argument) {
        Class<?> type = ReflectionUtils.getWrapperType(argument.getType());
        if (argument.getAnnotationMetadata().hasAnnotation(ReadableBytes.class)) {
            return "a size in bytes, or with KB, MB or GB (e.g. 1GB)";
        }
        if (type == Integer.class || type == Long.class || type == Short.class || type == Byte.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "a duration such as 90s, 10m, 2h or 7d";
        }
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(c -> ((Enum<?>) c)
                                    .name()
                                    .toLowerCase(Locale.ROOT)
                                    .replace('_', '-'))
                            .collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a comma-separated list";
        }
        return "a valid " + type.getSimpleName();
    }

    /** The broken annotated rules of one built settings record, at most one per property. */
    List<Problem> ruleProblems(BeanDefinition<?> definition, Object settings) {
        List<Problem> problems = new ArrayList<>();
        String condition = condition(definition);
        for (Argument<?> argument : settingArguments(definition)) {
            AnnotationMetadata metadata = argument.getAnnotationMetadata();
            if (!rules.any(metadata)) {
                continue;
            }
            Object value = component(settings, argument.getName());
            if (value != null && !configuredOrDefaulted(argument)) {
                continue; // derived by the record from other settings (oss.public-url from bucket and region)
            }
            rules.broken(metadata, value, condition)
                    .ifPresent(rule -> problems.add(new Problem(name(argument), shown(name(argument)), rule)));
        }
        return problems;
    }

    private boolean configuredOrDefaulted(Argument<?> argument) {
        return environment.containsProperty(name(argument))
                || argument.getAnnotationMetadata().isPresent(Bindable.class, "defaultValue");
    }

    /** Where {@link CheckedSettings} report. */
    SettingsProblems sink(List<Problem> problems) {
        return new SettingsProblems() {
            @Override
            public void add(String property, String rule) {
                if (problems.stream().noneMatch(p -> p.property().equals(property))) {
                    problems.add(new Problem(property, shown(property), rule)); // one problem a property
                }
            }

            @Override
            public Optional<String> setting(String property) {
                return environment.getProperty(property, String.class);
            }
        };
    }

    /** "with storage.provider=oss" for a record that exists only then; empty otherwise. */
    private static String condition(BeanDefinition<?> definition) {
        for (AnnotationValue<Requires> requires : definition.getAnnotationValuesByType(Requires.class)) {
            Optional<String> property = requires.stringValue("property");
            Optional<String> value = requires.stringValue("value");
            if (property.isPresent() && value.isPresent()) {
                return " with " + property.get() + "=" + value.get();
            }
        }
        return "";
    }

    /** The value as the user wrote it; "(default)" when not configured; null when missing; never a secret. */
    private String shown(String property) {
        Optional<Object> raw = environment.getProperty(property, Object.class);
        if (raw.isEmpty()) {
            String fallback = defaults.get(property);
            return fallback == null ? null : fallback + " (default)";
        }
        String text = raw.get() instanceof Collection<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
                : String.valueOf(raw.get());
        if (secrets.contains(property)) {
            return "(hidden, " + text.length() + " characters)";
        }
        return text.isBlank() ? "\"" + text + "\"" : text;
    }

    private static Object component(Object settings, String name) {
        Class<?> type = settings.getClass();
        if (!type.isRecord()) {
            throw new IllegalStateException(type.getName() + " carries setting rules but is not a record");
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals(name)) {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                try {
                    return accessor.invoke(settings);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + type.getName() + "." + name, e);
                }
            }
        }
        throw new IllegalStateException(type.getName() + " has no component " + name);
    }
}
