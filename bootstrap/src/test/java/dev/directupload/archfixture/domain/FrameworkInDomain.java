package dev.directupload.archfixture.domain;

import io.micronaut.core.annotation.Introspected;

/** Deliberate violation: a domain class that uses Micronaut. */
@Introspected
public class FrameworkInDomain {

    public Object context() {
        return io.micronaut.context.ApplicationContext.builder();
    }
}
