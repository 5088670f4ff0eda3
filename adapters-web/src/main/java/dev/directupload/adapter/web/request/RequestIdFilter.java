package dev.directupload.adapter.web.request;

import dev.directupload.adapter.web.error.ErrorAnswer;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.security.Principal;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request an id and writes one access-log line per request.
 *
 * <p>The id is the client's {@code X-Request-Id} when it is well formed (1–64 letters, digits, {@code . _ : -}),
 * else a new UUID. It is answered in {@code X-Request-Id}, put into every error body's {@code request_id}, and
 * kept in the logging MDC under {@code request_id} for everything that runs for the request, on whatever thread
 * (Micronaut's propagated context). The access-log line ({@code dev.directupload.access}, INFO) names the method,
 * the route template (never the raw path or query: no id, invite code or signature reaches it), the status, the
 * duration and the caller's user id; no header, token or body is ever logged.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestIdFilter implements Ordered {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";

    private static final Logger ACCESS = LoggerFactory.getLogger("dev.directupload.access");
    private static final int MAX_ID_LENGTH = 64;
    private static final String ID = RequestIdFilter.class.getName() + ".id";
    private static final String STARTED = RequestIdFilter.class.getName() + ".started";

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE; // first to see the request, last to see the response
    }

    @RequestFilter
    void assign(HttpRequest<?> request, MutablePropagatedContext context) {
        String header = request.getHeaders().get(HEADER);
        String id = isWellFormed(header) ? header : newId();
        request.setAttribute(ID, id);
        request.setAttribute(STARTED, System.nanoTime());
        context.add(new RequestIdContext(id));
    }

    @ResponseFilter
    void stamp(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = request.getAttribute(ID, String.class).orElseGet(RequestIdFilter::newId);
        response.header(HEADER, id);
        if (response.code() >= 400 && response.getBody().orElse(null) instanceof ErrorAnswer error) {
            @SuppressWarnings("unchecked")
            MutableHttpResponse<Object> body = (MutableHttpResponse<Object>) response;
            body.body(error.withRequestId(id));
        }
        long started = request.getAttribute(STARTED, Long.class).orElse(System.nanoTime());
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, id)) {
            ACCESS.info(
                    "{} {} {} {}ms user={}",
                    request.getMethodName(),
                    BasicHttpAttributes.getUriTemplate(request).orElse("(no route)"),
                    response.code(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    request.getUserPrincipal().map(Principal::getName).orElse("-"));
        }
    }

    /** Whether the client's id is safe to echo and to log: 1–64 letters, digits, {@code . _ : -}. */
    static boolean isWellFormed(String header) {
        if (header == null || header.isEmpty() || header.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == ':'
                    || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /**
     * A random (version 4) UUID. A request id must be unique, not secret: it is drawn from the thread's
     * {@link ThreadLocalRandom}, where {@link UUID#randomUUID()} reads the shared {@code SecureRandom} under a lock.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
