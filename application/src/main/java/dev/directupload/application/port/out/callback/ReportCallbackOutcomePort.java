package dev.directupload.application.port.out.callback;

/** Hears how each upload callback ended (a log, a metrics counter); must not throw. */
public interface ReportCallbackOutcomePort {

    void report(CallbackOutcome outcome);
}
