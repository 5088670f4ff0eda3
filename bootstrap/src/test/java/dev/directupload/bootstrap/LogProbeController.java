package dev.directupload.bootstrap;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Only in {@link OperationsTest}'s context: logs while serving, on the event loop and on a blocking thread. */
@Requires(property = "test.log-probe", value = "true")
@Controller("/log-probe")
@Secured(SecurityRule.IS_ANONYMOUS)
class LogProbeController {

    static final Logger LOG = LoggerFactory.getLogger(LogProbeController.class);

    @Get("/event-loop")
    Map<String, Boolean> onTheEventLoop() {
        LOG.info("probe on the event loop");
        return Map.of("ok", true);
    }

    @Get("/blocking")
    @ExecuteOn(TaskExecutors.BLOCKING)
    Map<String, Boolean> onABlockingThread() {
        LOG.info("probe on a blocking thread");
        return Map.of("ok", true);
    }
}
