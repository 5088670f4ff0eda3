package dev.directupload.archfixture.application.port;

import dev.directupload.archfixture.application.service.SomeService;

/** Deliberate violation: a port that depends on a service implementation. */
public interface LeakyPort {

    SomeService service();
}
