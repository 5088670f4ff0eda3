package dev.directupload.domain.identity;

import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;
import java.util.Objects;

/** Who a user is to an identity provider: WeChat's openid, or a development login name. */
public record ExternalIdentity(Provider provider, String subject) {

    /** Where an identity comes from. */
    public enum Provider {
        WECHAT,
        DEV
    }

    public ExternalIdentity {
        Objects.requireNonNull(provider, "provider");
        if (subject == null
                || subject.isBlank()
                || subject.length() > 128
                || subject.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException(
                    ErrorCode.INVALID_REQUEST, "identity subject must be 1-128 characters without control characters");
        }
    }

    public static ExternalIdentity wechat(String openId) {
        return new ExternalIdentity(Provider.WECHAT, openId);
    }

    public static ExternalIdentity dev(String name) {
        return new ExternalIdentity(Provider.DEV, name);
    }
}
