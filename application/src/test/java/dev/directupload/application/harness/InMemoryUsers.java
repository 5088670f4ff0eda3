package dev.directupload.application.harness;

import dev.directupload.application.port.out.identity.LoadUserPort;
import dev.directupload.application.port.out.identity.SaveUserPort;
import dev.directupload.domain.identity.ExternalIdentity;
import dev.directupload.domain.identity.User;
import dev.directupload.domain.identity.UserId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Users in memory; one user per external identity, as the database's unique constraint has it. */
public final class InMemoryUsers implements LoadUserPort, SaveUserPort, InMemoryTransactions.Table {

    private final InMemoryTransactions tx;
    private final Map<UserId, User> users = new LinkedHashMap<>();

    public InMemoryUsers(InMemoryTransactions tx) {
        this.tx = tx;
        tx.register(this);
    }

    @Override
    public Optional<User> findUser(UserId id) {
        return tx.locked(() -> Optional.ofNullable(users.get(id)));
    }

    @Override
    public Optional<User> findByIdentity(ExternalIdentity identity) {
        return tx.locked(() -> users.values().stream()
                .filter(u -> u.identity().equals(identity))
                .findFirst());
    }

    @Override
    public User saveIfAbsent(User user) {
        return tx.locked(() -> {
            Optional<User> existing = findByIdentity(user.identity());
            if (existing.isPresent()) {
                return existing.get();
            }
            users.put(user.id(), user);
            return user;
        });
    }

    @Override
    public Runnable snapshot() {
        return InMemoryTransactions.snapshotOf(users);
    }
}
