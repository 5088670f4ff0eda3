package dev.directupload.adapter.web.error;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.regex.Pattern;

/**
 * Shapes the errors Micronaut raises itself (no route, bad JSON, missing parameter, body too large) as
 * {@code {"code","message"}} JSON, so clients see one error format. Server faults never echo internals, and a
 * client error never names the service's classes (a body that does not bind reads "Failed to convert argument
 * [body] … of type [class dev.directupload….PrepareRequest]"): such a message becomes a plain one.
 */
@Primary
@Singleton
final class ApiErrorResponseProcessor implements ErrorResponseProcessor<ErrorBody> {

    /** A Java qualified class name ({@code dev.directupload.x.Y}, {@code java.lang.String}) or a binder's phrase. */
    private static final Pattern INTERNALS =
            Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.[A-Z][A-Za-z0-9_$]*|Failed to convert argument"
                    + "|Error decoding property|Required argument \\[");

    static final String PLAIN_BAD_REQUEST =
            "the request does not fit this endpoint: a JSON body of the documented fields and types is expected";

    @Override
    public MutableHttpResponse<ErrorBody> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        int status = response.code();
        String message = status >= 500
                ? "internal error"
                : context.getErrors().stream()
                        .map(Error::getMessage)
                        .findFirst()
                        .map(text -> plain(status, text))
                        .orElse(response.reason());
        return response.contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ErrorBody(ErrorStatus.defaultCode(status), message));
    }

    /** {@code text} unless it shows internals; then a plain message for the status. */
    static String plain(int status, String text) {
        if (text == null || !INTERNALS.matcher(text).find()) {
            return text;
        }
        return status == 400 ? PLAIN_BAD_REQUEST : "the request was refused";
    }
}
