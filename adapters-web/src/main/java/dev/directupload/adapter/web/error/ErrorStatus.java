package dev.directupload.adapter.web.error;

import dev.directupload.adapter.web.ratelimit.RateLimitedException;
import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.application.shared.LimitReachedException;
import dev.directupload.application.shared.UnauthorizedException;
import dev.directupload.domain.shared.ConflictException;
import dev.directupload.domain.shared.DomainException;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.ForbiddenException;
import dev.directupload.domain.shared.InvalidValueException;
import dev.directupload.domain.shared.NotFoundException;
import io.micronaut.http.HttpStatus;
import java.util.Map;

/** The HTTP status of each kind of business failure, and the default code of each status. */
final class ErrorStatus {

    private static final Map<Class<? extends DomainException>, HttpStatus> BY_KIND = Map.of(
            InvalidValueException.class, HttpStatus.BAD_REQUEST,
            NotFoundException.class, HttpStatus.NOT_FOUND,
            ConflictException.class, HttpStatus.CONFLICT,
            ForbiddenException.class, HttpStatus.FORBIDDEN,
            DependencyUnavailableException.class, HttpStatus.SERVICE_UNAVAILABLE,
            UnauthorizedException.class, HttpStatus.UNAUTHORIZED,
            RateLimitedException.class, HttpStatus.TOO_MANY_REQUESTS,
            LimitReachedException.class, HttpStatus.TOO_MANY_REQUESTS);

    private ErrorStatus() {}

    static HttpStatus of(DomainException exception) {
        for (Class<?> kind = exception.getClass(); kind != DomainException.class; kind = kind.getSuperclass()) {
            HttpStatus status = BY_KIND.get(kind);
            if (status != null) {
                return status;
            }
        }
        throw new IllegalStateException(
                "no HTTP status for " + exception.getClass().getName(), exception);
    }

    /** The code of an error the framework raised before any use case ran (routing, parsing, size). */
    static ErrorCode defaultCode(int status) {
        return switch (status) {
            case 400 -> ErrorCode.INVALID_REQUEST;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.REQUEST_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST;
        };
    }
}
