package dev.directupload.adapter.web.metrics;

import dev.directupload.application.port.in.upload.PreparedItem;
import dev.directupload.domain.shared.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * The upload flow's counters, counted where the HTTP layer sees each outcome (the application core stays
 * framework-free). Scraped at {@code /prometheus} as {@code directupload_uploads_prepared_total} and so on; see
 * docs/operations.md.
 */
@Singleton
public final class UploadMetrics {

    static final String PREPARED = "directupload.uploads.prepared";
    static final String COMPLETED = "directupload.uploads.completed";
    static final String CALLBACKS = "directupload.uploads.callbacks";
    static final String NO_CODE = "none";

    /** Codes of {@code complete} meaning "storage holds bytes that may not be recorded". */
    private static final Set<ErrorCode> VERIFICATION_FAILED = Set.of(
            ErrorCode.UPLOAD_VERIFICATION_FAILED,
            ErrorCode.TYPE_NOT_ALLOWED,
            ErrorCode.FILE_TOO_LARGE,
            ErrorCode.HASH_CONFLICT);

    private final MeterRegistry registry;

    /** @param registry none when metrics are off: counting then goes nowhere */
    UploadMetrics(@Nullable MeterRegistry registry) {
        this.registry = registry != null ? registry : new CompositeMeterRegistry();
        prepared("instant", NO_CODE);
        prepared("upload", NO_CODE);
        completed("verified", NO_CODE);
    }

    /** One file of a {@code POST /uploads}: outcome {@code instant}, {@code upload}, {@code duplicate}, {@code rejected}. */
    public void prepared(PreparedItem item) {
        if (item instanceof PreparedItem.Instant) {
            prepared("instant", NO_CODE).increment();
        } else if (item instanceof PreparedItem.Upload) {
            prepared("upload", NO_CODE).increment();
        } else if (item instanceof PreparedItem.Duplicate) {
            prepared("duplicate", NO_CODE).increment();
        } else if (item instanceof PreparedItem.Rejected rejected) {
            prepared("rejected", rejected.code().wireName()).increment();
        }
    }

    /** A {@code complete} that recorded (or had recorded) the photo. */
    public void completed() {
        completed("verified", NO_CODE).increment();
    }

    /**
     * A {@code complete} refused with {@code code}: outcome {@code object_not_found} (nothing stored yet),
     * {@code verification_failed} (the stored bytes may not be recorded) or {@code refused} (anything else: unknown or
     * expired upload, deleted photo, storage unavailable).
     */
    public void completionFailed(ErrorCode code) {
        String outcome = code == ErrorCode.OBJECT_NOT_FOUND
                ? "object_not_found"
                : VERIFICATION_FAILED.contains(code) ? "verification_failed" : "refused";
        completed(outcome, code.wireName()).increment();
    }

    /**
     * The storage's upload callback (OSS {@code callback}), by outcome: {@code recorded}, {@code already_recorded},
     * {@code not_recorded}, {@code refused_signature}, {@code refused_invalid}, {@code refused_unknown_upload},
     * {@code key_unavailable} (see {@link CallbackOutcomeCounter}).
     */
    public void callback(String outcome) {
        Counter.builder(CALLBACKS)
                .description("Upload callbacks from the storage, by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    private Counter prepared(String outcome, String code) {
        return Counter.builder(PREPARED)
                .description("Files of POST /uploads, by outcome (rejected ones by code)")
                .tag("outcome", outcome)
                .tag("code", code)
                .register(registry);
    }

    private Counter completed(String outcome, String code) {
        return Counter.builder(COMPLETED)
                .description("POST /uploads/{id}/complete answers, by outcome and code")
                .tag("outcome", outcome)
                .tag("code", code)
                .register(registry);
    }
}
