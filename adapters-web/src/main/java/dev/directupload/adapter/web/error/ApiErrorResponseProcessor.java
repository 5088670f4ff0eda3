package dev.directupload.adapter.web.error;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Shapes the errors Micronaut raises itself (no route, bad JSON, missing parameter, body too large) as
 * {@code {"code","message"}} JSON, so clients see one error format. Server faults never echo internals.
 */
@Primary
@Singleton
final class ApiErrorResponseProcessor implements ErrorResponseProcessor<ErrorBody> {

    @Override
    public MutableHttpResponse<ErrorBody> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        int status = response.code();
        String message = status >= 500
                ? "internal error"
                : context.getErrors().stream()
                        .map(Error::getMessage)
                        .findFirst()
                        .orElse(response.reason());
        return response.contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ErrorBody(ErrorStatus.defaultCode(status), message));
    }
}
