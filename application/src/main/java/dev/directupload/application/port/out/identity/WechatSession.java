package dev.directupload.application.port.out.identity;

import java.util.Objects;
import java.util.Optional;

/** What WeChat's jscode2session answered: the user's openid and, when bound, unionid. */
public record WechatSession(String openId, Optional<String> unionId) {

    public WechatSession {
        Objects.requireNonNull(openId, "openId");
        Objects.requireNonNull(unionId, "unionId");
    }
}
