package dev.directupload.bootstrap;

import dev.directupload.application.port.in.upload.SweepUploadsUseCase.SweepReport;
import dev.directupload.application.service.upload.ExclusiveSweep;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the upload sweeper every {@code upload.sweep-interval}; safe on many instances (idempotent). */
@Singleton
@Requires(property = "upload.sweep-enabled", notEquals = "false")
class SweepJob {

    private static final Logger LOG = LoggerFactory.getLogger(SweepJob.class);

    private final ExclusiveSweep sweeper;

    SweepJob(ExclusiveSweep sweeper) {
        this.sweeper = sweeper;
    }

    /** A stopping instance hands the sweeper's lease over at once instead of letting it run out. */
    @PreDestroy
    void releaseLease() {
        sweeper.release();
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
