package dev.directupload.settings;

import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.convert.ConversionService;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The annotated rules: whether a value breaks one, and the rule in words. */
final class Rules {

    private static final List<Class<? extends java.lang.annotation.Annotation>> ALL = List.of(
            Required.class,
            Positive.class,
            Range.class,
            DurationRange.class,
            MinLength.class,
            Matches.class,
            HttpUrl.class);

    private final ConversionService conversion;

    Rules(ConversionService conversion) {
        this.conversion = conversion;
    }

    boolean any(AnnotationMetadata metadata) {
        return ALL.stream().anyMatch(metadata::hasAnnotation);
    }

    /**
     * The first rule {@code value} breaks, in words; empty when it keeps them all.
     *
     * @param condition when the record exists, e.g. " with storage.provider=oss"
     */
    Optional<String> broken(AnnotationMetadata metadata, Object value, String condition) {
        if (value == null
                || (value instanceof CharSequence || value instanceof java.nio.file.Path)
                        && value.toString().isBlank()
                || value instanceof Collection<?> list && list.isEmpty()) {
            return metadata.hasAnnotation(Required.class) ? Optional.of("required" + condition) : Optional.empty();
        }
        if (metadata.hasAnnotation(Positive.class) && ((Number) value).doubleValue() <= 0) {
            return Optional.of("greater than 0");
        }
        if (metadata.hasAnnotation(Range.class)) {
            Range range = metadata.synthesize(Range.class);
            long number = ((Number) value).longValue();
            if (number < range.min() || number > range.max()) {
                return Optional.of(range(range));
            }
        }
        if (metadata.hasAnnotation(DurationRange.class)) {
            DurationRange range = metadata.synthesize(DurationRange.class);
            Duration duration = (Duration) value;
            boolean tooShort = range.min().isEmpty()
                    ? duration.isNegative() || duration.isZero()
                    : duration.compareTo(duration(range.min())) < 0;
            boolean tooLong = !range.max().isEmpty() && duration.compareTo(duration(range.max())) > 0;
            if (tooShort || tooLong) {
                return Optional.of(range(range));
            }
        }
        if (metadata.hasAnnotation(MinLength.class)) {
            int min = metadata.synthesize(MinLength.class).value();
            if (value.toString().length() < min) {
                return Optional.of("at least " + min + " characters");
            }
        }
        if (metadata.hasAnnotation(Matches.class)) {
            Matches matches = metadata.synthesize(Matches.class);
            if (!Pattern.matches(matches.value(), value.toString())) {
                return Optional.of(matches.rule());
            }
        }
        if (metadata.hasAnnotation(HttpUrl.class)) {
            boolean path = metadata.synthesize(HttpUrl.class).path();
            if (!isHttpUrl(value.toString(), path)) {
                return Optional.of(
                        path ? "an http(s) URL such as https://host[:port][/path]" : "http(s)://host[:port], no path");
            }
        }
        return Optional.empty();
    }

    private static String range(Range range) {
        boolean min = range.min() != Long.MIN_VALUE;
        boolean max = range.max() != Long.MAX_VALUE;
        if (min && max) {
            return "from " + range.min() + " to " + range.max();
        }
        return min ? "at least " + range.min() : "at most " + range.max();
    }

    private static String range(DurationRange range) {
        if (range.min().isEmpty()) {
            return "longer than 0" + (range.max().isEmpty() ? "" : " and at most " + range.max());
        }
        return range.max().isEmpty() ? "at least " + range.min() : "from " + range.min() + " to " + range.max();
    }

    private Duration duration(String text) {
        return conversion
                .convert(text, Duration.class)
                .orElseThrow(() -> new IllegalStateException("@DurationRange bound '" + text + "' is not a duration"));
    }

    private static boolean isHttpUrl(String text, boolean pathAllowed) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return false;
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            return false;
        }
        return pathAllowed
                || ((uri.getRawPath() == null
                                || uri.getRawPath().isEmpty()
                                || uri.getRawPath().equals("/"))
                        && uri.getRawQuery() == null
                        && uri.getRawFragment() == null
                        && uri.getRawUserInfo() == null);
    }
}
