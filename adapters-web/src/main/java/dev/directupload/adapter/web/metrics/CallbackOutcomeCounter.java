package dev.directupload.adapter.web.metrics;

import dev.directupload.application.port.out.callback.CallbackOutcome;
import dev.directupload.application.port.out.callback.ReportCallbackOutcomePort;
import java.util.Locale;

/**
 * Counts each upload callback's outcome as {@code directupload_uploads_callbacks_total{outcome="recorded"}} and so on:
 * the outcome's name in lower case ({@code recorded}, {@code already_recorded}, {@code not_recorded},
 * {@code refused_signature}, {@code refused_invalid}, {@code refused_unknown_upload}, {@code key_unavailable}).
 * Not a bean of its own: bootstrap wires it next to the outcome log.
 */
public final class CallbackOutcomeCounter implements ReportCallbackOutcomePort {

    private final UploadMetrics metrics;

    public CallbackOutcomeCounter(UploadMetrics metrics) {
        this.metrics = metrics;
    }

    /** The {@code outcome} label of a callback outcome. */
    public static String label(CallbackOutcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void report(CallbackOutcome outcome) {
        metrics.callback(label(outcome));
    }
}
