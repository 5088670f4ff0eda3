package dev.directupload.application.service.identity;

import dev.directupload.application.port.in.identity.DevLoginUseCase;
import dev.directupload.domain.identity.ExternalIdentity;
import dev.directupload.domain.identity.User;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;
import java.util.regex.Pattern;

/** Development login by name; only wired when the local store runs with dev login enabled. */
public final class DevLoginService implements DevLoginUseCase {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final UserRegistry registry;

    public DevLoginService(UserRegistry registry) {
        this.registry = registry;
    }

    @Override
    public User login(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidValueException(
                    ErrorCode.INVALID_REQUEST, "user must be 1-64 letters, digits, '.', '_' or '-'");
        }
        return registry.userOf(ExternalIdentity.dev(name), null);
    }
}
