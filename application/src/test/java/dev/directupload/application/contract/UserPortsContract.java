package dev.directupload.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.domain.identity.ExternalIdentity;
import dev.directupload.domain.identity.User;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Contract of {@code LoadUserPort} and {@code SaveUserPort}. */
public abstract class UserPortsContract extends PersistenceContract {

    @Test
    void givenNewUser_saveIfAbsent_storesEveryField() {
        User user = User.register(ExternalIdentity.wechat("openid-" + unique()), "union-" + unique(), T0);

        User saved = ports().saveUsers().saveIfAbsent(user);

        assertThat(saved.id()).isEqualTo(user.id());
        User found = ports().loadUsers().findUser(user.id()).orElseThrow();
        assertThat(found.identity()).isEqualTo(user.identity());
        assertThat(found.unionId()).isEqualTo(user.unionId());
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(ports().loadUsers()
                        .findByIdentity(user.identity())
                        .orElseThrow()
                        .id())
                .isEqualTo(user.id());
    }

    @Test
    void givenRegisteredIdentity_saveIfAbsent_returnsTheFirstUserAndStoresNothing() {
        ExternalIdentity identity = ExternalIdentity.wechat("openid-" + unique());
        User first = ports().saveUsers().saveIfAbsent(User.register(identity, null, T0));
        User second = User.register(identity, "union", T0.plusSeconds(5));

        User saved = ports().saveUsers().saveIfAbsent(second);

        assertThat(saved.id()).isEqualTo(first.id());
        assertThat(saved.unionId()).isEmpty();
        assertThat(ports().loadUsers().findUser(second.id())).isEmpty();
    }

    @Test
    void givenSameSubjectOtherProvider_findByIdentity_isEmpty() {
        String subject = "someone-" + unique();
        ports().saveUsers().saveIfAbsent(User.register(ExternalIdentity.dev(subject), null, T0));

        assertThat(ports().loadUsers().findByIdentity(ExternalIdentity.wechat(subject)))
                .isEmpty();
        assertThat(ports().loadUsers().findByIdentity(ExternalIdentity.dev(subject)))
                .isPresent();
    }

    @Test
    void givenEightConcurrentFirstLogins_saveIfAbsent_registersExactlyOneUser() throws Exception {
        ExternalIdentity identity = ExternalIdentity.wechat("openid-" + unique());
        List<User> candidates = IntStream.range(0, 8)
                .mapToObj(i -> User.register(
                        identity, null, Instant.parse("2026-11-29T19:00:00Z").plusSeconds(i)))
                .toList();

        List<User> results = concurrently(candidates.stream()
                .<Callable<User>>map(u -> () -> ports().saveUsers().saveIfAbsent(u))
                .toList());

        assertThat(results).extracting(User::id).containsOnly(results.get(0).id());
        assertThat(candidates.stream()
                        .filter(u -> ports().loadUsers().findUser(u.id()).isPresent()))
                .hasSize(1);
    }
}
