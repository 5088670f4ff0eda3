package dev.directupload.adapter.persistence.identity;

import dev.directupload.adapter.persistence.EpochMicros;
import dev.directupload.domain.identity.ExternalIdentity;
import dev.directupload.domain.identity.User;
import dev.directupload.domain.identity.UserId;

/** Maps between {@link User} and {@link UserRow}. */
final class UserMapper {

    private UserMapper() {}

    static UserRow toRow(User user) {
        return new UserRow(
                user.id().value(),
                user.identity().provider().name(),
                user.identity().subject(),
                user.unionId().orElse(null),
                EpochMicros.of(user.createdAt()));
    }

    static User toDomain(UserRow row) {
        return User.reconstitute(
                new UserId(row.id()),
                new ExternalIdentity(ExternalIdentity.Provider.valueOf(row.provider()), row.subject()),
                row.unionId(),
                EpochMicros.toInstant(row.createdAt()));
    }
}
