package dev.directupload.archfixture.adapter.web;

import dev.directupload.archfixture.adapter.oss.OssThing;
import dev.directupload.archfixture.application.service.SomeService;
import dev.directupload.archfixture.bootstrap.FixtureWiring;

/** Deliberate violations: an adapter using another adapter, a service class and bootstrap. */
public class WebUsesOss {

    private final OssThing oss = new OssThing();
    private final SomeService service = new SomeService();
    private final FixtureWiring wiring = new FixtureWiring();

    public String describe() {
        return oss + " " + service + " " + wiring;
    }
}
