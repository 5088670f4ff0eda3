package dev.directupload.application.port.in.identity;

import dev.directupload.domain.identity.User;

/** Logs a named development user in (local store only), registering them on first login. */
public interface DevLoginUseCase {

    User login(String name);
}
