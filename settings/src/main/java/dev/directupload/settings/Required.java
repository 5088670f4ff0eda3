package dev.directupload.settings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The setting must be set: not missing, not blank, not an empty list. On a settings record that exists only under a
 * condition ({@code @Requires(property = "storage.provider", value = "oss")}) the rule says so: "required with
 * storage.provider=oss".
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface Required {}
