package dev.directupload.settings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A duration from {@link #min()} to {@link #max()}, both included, written as settings are ({@code 900s},
 * {@code 15m}, {@code 7d}). Without {@code min} the duration must be longer than 0; without {@code max} it has no
 * upper bound.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface DurationRange {
    String min() default "";

    String max() default "";
}
