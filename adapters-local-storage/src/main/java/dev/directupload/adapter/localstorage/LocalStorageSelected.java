package dev.directupload.adapter.localstorage;

import io.micronaut.context.annotation.Requires;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Beans of the local store exist only with {@code storage.provider=local}, which is the default. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Requires(property = "storage.provider", value = "local", defaultValue = "local")
public @interface LocalStorageSelected {}
