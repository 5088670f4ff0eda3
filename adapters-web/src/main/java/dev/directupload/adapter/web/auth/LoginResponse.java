package dev.directupload.adapter.web.auth;

import io.micronaut.serde.annotation.Serdeable;

/** {@code {"token","expires_in","user":{"id"}}}. */
@Serdeable
record LoginResponse(String token, long expiresIn, UserRef user) {

    /** The logged-in user. */
    @Serdeable
    record UserRef(String id) {}
}
