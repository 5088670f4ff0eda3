package dev.directupload.bootstrap;

import dev.directupload.application.port.in.upload.SweepUploadsUseCase;
import dev.directupload.application.port.in.upload.SweepUploadsUseCase.SweepReport;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the upload sweeper every {@code upload.sweep-interval}; safe on many instances (idempotent). */
@Singleton
@Requires(property = "upload.sweep-enabled", notEquals = "false")
class SweepJob {

    private static final Logger LOG = LoggerFactory.getLogger(SweepJob.class);

    private final SweepUploadsUseCase sweeper;

    SweepJob(SweepUploadsUseCase sweeper) {
        this.sweeper = sweeper;
    }

    @Scheduled(fixedDelay = "${upload.sweep-interval:1m}", initialDelay = "${upload.sweep-interval:1m}")
    void sweep() {
        SweepReport report = sweeper.sweep();
        if (report.completed()
                        + report.expired()
                        + report.deletedObjects()
                        + report.orphansRecorded()
                        + report.orphansRemoved()
                        + report.purgedSlots()
                > 0) {
            LOG.info(
                    "Upload sweep: {} completed, {} expired, {} queued deletions done, {} late uploads recorded,"
                            + " {} unrecorded objects removed, {} finished slots purged",
                    report.completed(),
                    report.expired(),
                    report.deletedObjects(),
                    report.orphansRecorded(),
                    report.orphansRemoved(),
                    report.purgedSlots());
        }
    }
}
