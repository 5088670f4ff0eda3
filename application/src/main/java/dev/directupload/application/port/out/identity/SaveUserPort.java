package dev.directupload.application.port.out.identity;

import dev.directupload.domain.identity.User;

/** Registers users; one user per external identity, decided by a unique constraint. */
public interface SaveUserPort {

    /** Inserts {@code user} unless its identity is registered; returns the user registered now. */
    User saveIfAbsent(User user);
}
