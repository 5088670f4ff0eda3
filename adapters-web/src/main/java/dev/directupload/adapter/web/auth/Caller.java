package dev.directupload.adapter.web.auth;

import dev.directupload.application.shared.UnauthorizedException;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;
import io.micronaut.security.authentication.Authentication;

/** The user behind a verified token. */
public final class Caller {

    private Caller() {}

    public static UserId of(Authentication authentication) {
        if (authentication == null) {
            throw new UnauthorizedException(ErrorCode.UNAUTHORIZED, "a bearer token is required");
        }
        try {
            return new UserId(authentication.getName());
        } catch (InvalidValueException e) {
            throw new UnauthorizedException(ErrorCode.UNAUTHORIZED, "the token does not name a user");
        }
    }
}
