package dev.directupload.bootstrap;

import dev.directupload.application.port.in.upload.SweepUploadsUseCase.SweepReport;
import dev.directupload.application.service.upload.ExclusiveSweep;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
    private final MeterRegistry registry;

    SweepJob(ExclusiveSweep sweeper, MeterRegistry registry) {
        this.sweeper = sweeper;
        this.registry = registry;
    }

    /** A stopping instance hands the sweeper's lease over at once instead of letting it run out. */
    @PreDestroy
    void releaseLease() {
        sweeper.release();
    }

    @Scheduled(fixedDelay = "${upload.sweep-interval:1m}", initialDelay = "${upload.sweep-interval:1m}")
    void sweep() {
        SweepReport report = sweeper.sweep();
        count("completed", report.completed());
        count("expired", report.expired());
        count("deleted_object", report.deletedObjects());
        count("late_upload_recorded", report.orphansRecorded());
        count("unrecorded_object_removed", report.orphansRemoved());
        count("slot_purged", report.purgedSlots());
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

    /** {@code directupload_sweeper_actions_total{kind}}: what the sweeper did, by kind. */
    private void count(String kind, long done) {
        Counter.builder("directupload.sweeper.actions")
                .description("What the upload sweeper did, by kind")
                .tag("kind", kind)
                .register(registry)
                .increment(done);
    }
}
