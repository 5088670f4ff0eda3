package dev.directupload.adapter.persistence.identity;

import dev.directupload.adapter.persistence.DuplicateKeys;
import dev.directupload.application.port.out.identity.LoadUserPort;
import dev.directupload.application.port.out.identity.SaveUserPort;
import dev.directupload.domain.identity.ExternalIdentity;
import dev.directupload.domain.identity.User;
import dev.directupload.domain.identity.UserId;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Users in the database; the unique (provider, subject) constraint decides who registers first. */
@Singleton
public class JdbcUserAdapter implements LoadUserPort, SaveUserPort {

    private final UserRepository users;

    JdbcUserAdapter(UserRepository users) {
        this.users = users;
    }

    @Override
    public Optional<User> findUser(UserId id) {
        return users.findById(id.value()).map(UserMapper::toDomain);
    }

    @Override
    public Optional<User> findByIdentity(ExternalIdentity identity) {
        return users.findByIdentity(identity.provider().name(), identity.subject())
                .map(UserMapper::toDomain);
    }

    @Override
    public User saveIfAbsent(User user) {
        DuplicateKeys.ignoringDuplicate(() -> users.insertIfAbsent(UserMapper.toRow(user)));
        return findByIdentity(user.identity())
                .orElseThrow(() -> new IllegalStateException("user " + user.id()
                        + " was neither inserted nor found by its identity (id taken by another identity?)"));
    }
}
