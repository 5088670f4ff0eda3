package dev.directupload.application.shared;

import dev.directupload.domain.shared.DomainException;
import dev.directupload.domain.shared.ErrorCode;

/** The caller could not be authenticated (no or bad token, refused login). Maps to 401. */
public class UnauthorizedException extends DomainException {

    public UnauthorizedException(ErrorCode code, String message) {
        super(code, message);
    }
}
