package dev.directupload.adapter.web.error;

import dev.directupload.adapter.web.ratelimit.RateLimitedException;
import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.application.shared.UnauthorizedException;
import dev.directupload.domain.shared.ConflictException;
import dev.directupload.domain.shared.DomainException;
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
            RateLimitedException.class, HttpStatus.TOO_MANY_REQUESTS);

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
    static String defaultCode(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "request_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "rate_limited";
            case 503 -> "service_unavailable";
            default -> status >= 500 ? "internal_error" : "invalid_request";
        };
    }
}
