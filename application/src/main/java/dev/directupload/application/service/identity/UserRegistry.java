package dev.directupload.application.service.identity;

import dev.directupload.application.port.out.identity.LoadUserPort;
import dev.directupload.application.port.out.identity.SaveUserPort;
import dev.directupload.domain.identity.ExternalIdentity;
import dev.directupload.domain.identity.User;
import java.time.Clock;

/** Finds the user of an external identity, registering them on first sight (races resolved by the store). */
public final class UserRegistry {

    private final LoadUserPort users;
    private final SaveUserPort registrations;
    private final Clock clock;

    public UserRegistry(LoadUserPort users, SaveUserPort registrations, Clock clock) {
        this.users = users;
        this.registrations = registrations;
        this.clock = clock;
    }

    public User userOf(ExternalIdentity identity, String unionId) {
        return users.findByIdentity(identity)
                .orElseGet(() -> registrations.saveIfAbsent(User.register(identity, unionId, clock.instant())));
    }
}
