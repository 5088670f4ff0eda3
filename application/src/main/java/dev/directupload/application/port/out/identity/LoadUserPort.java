package dev.directupload.application.port.out.identity;

import dev.directupload.domain.identity.ExternalIdentity;
import dev.directupload.domain.identity.User;
import dev.directupload.domain.identity.UserId;
import java.util.Optional;

/** Finds users. */
public interface LoadUserPort {

    Optional<User> findUser(UserId id);

    Optional<User> findByIdentity(ExternalIdentity identity);
}
