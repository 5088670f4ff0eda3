package dev.directupload.adapter.web.error;

import dev.directupload.adapter.web.ratelimit.RateLimitedException;
import dev.directupload.domain.shared.DomainException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Maps every business failure to its status and the {@code {"code","message"}} body. */
@Produces
@Singleton
final class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<ErrorBody>> {

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, DomainException exception) {
        var response = HttpResponse.<ErrorBody>status(ErrorStatus.of(exception))
                .body(new ErrorBody(exception.code(), exception.getMessage()));
        if (exception instanceof RateLimitedException limited) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        }
        return response;
    }
}
