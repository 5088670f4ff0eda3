package dev.directupload.adapter.web.error;

import dev.directupload.domain.shared.ErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of every error answer: a stable snake_case code, a human-readable message and the request's id (the
 * {@code X-Request-Id} of the answer; filled in by the request-id filter). Codes come only from {@link ErrorCode}.
 */
@Serdeable
public record ErrorBody(
        String code, String message, @Nullable String requestId) implements ErrorAnswer {

    public ErrorBody(ErrorCode code, String message) {
        this(code.wireName(), message, null);
    }

    @Override
    public ErrorBody withRequestId(String requestId) {
        return new ErrorBody(code, message, requestId);
    }
}
