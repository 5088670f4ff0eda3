package dev.directupload.bootstrap;

import dev.directupload.settings.InvalidSettingsException;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;

/** Starts the direct-upload service. */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        new Micronaut() {
            /**
             * A configuration mistake ends the start with its one readable block on standard error and status 1, no
             * stack trace; any other failure is a bug and keeps Micronaut's report with its trace.
             */
            @Override
            protected void handleStartupException(Environment environment, Throwable exception) {
                InvalidSettingsException invalid = InvalidSettingsException.findIn(exception);
                if (invalid == null) {
                    super.handleStartupException(environment, exception);
                    return;
                }
                System.err.println(invalid.getMessage());
                System.err.flush();
                System.exit(1);
            }
        }.classes(Application.class).args(args).start();
    }
}
