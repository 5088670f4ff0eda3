package dev.directupload.adapter.web.error;

import dev.directupload.domain.shared.ErrorCode;
import io.micronaut.serde.annotation.Serdeable;

/** The body of every error answer: a stable snake_case code and a human-readable message. */
@Serdeable
public record ErrorBody(String code, String message) {

    public ErrorBody(ErrorCode code, String message) {
        this(code.wireName(), message);
    }
}
