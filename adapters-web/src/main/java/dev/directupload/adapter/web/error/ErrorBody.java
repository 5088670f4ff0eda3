package dev.directupload.adapter.web.error;

import io.micronaut.serde.annotation.Serdeable;

/** The body of every error answer: a stable snake_case code and a human-readable message. */
@Serdeable
public record ErrorBody(String code, String message) {}
