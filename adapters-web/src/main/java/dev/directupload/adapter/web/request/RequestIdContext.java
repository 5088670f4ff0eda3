package dev.directupload.adapter.web.request;

import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import org.slf4j.MDC;

/**
 * The request id in the logging MDC of whatever thread runs for the request. Only the one key is set and put back,
 * where Micronaut's {@code MdcPropagationContext} copies and replaces the thread's whole MDC map at every step.
 */
record RequestIdContext(String id) implements ThreadPropagatedContextElement<String> {

    @Override
    public String updateThreadContext() {
        String previous = MDC.get(RequestIdFilter.MDC_KEY);
        MDC.put(RequestIdFilter.MDC_KEY, id);
        return previous;
    }

    @Override
    public void restoreThreadContext(String previous) {
        if (previous == null) {
            MDC.remove(RequestIdFilter.MDC_KEY);
        } else {
            MDC.put(RequestIdFilter.MDC_KEY, previous);
        }
    }
}
