package dev.directupload.settings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The whole text matches {@link #value()}; {@link #rule()} says in words what that means. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface Matches {
    /** A {@link java.util.regex.Pattern} the whole value must match. */
    String value();

    /** The rule as a person reads it, e.g. "3-63 characters: a-z, 0-9 and '-'". */
    String rule();
}
