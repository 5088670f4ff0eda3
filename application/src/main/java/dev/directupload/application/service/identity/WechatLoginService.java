package dev.directupload.application.service.identity;

import dev.directupload.application.port.in.identity.LoginWithWechatUseCase;
import dev.directupload.application.port.out.identity.WechatSession;
import dev.directupload.application.port.out.identity.WechatSessionPort;
import dev.directupload.domain.identity.ExternalIdentity;
import dev.directupload.domain.identity.User;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;

/** WeChat mini-program login: code → openid (via WeChat) → user. */
public final class WechatLoginService implements LoginWithWechatUseCase {

    private final WechatSessionPort wechat;
    private final UserRegistry registry;

    public WechatLoginService(WechatSessionPort wechat, UserRegistry registry) {
        this.wechat = wechat;
        this.registry = registry;
    }

    @Override
    public User login(String code) {
        if (code == null || code.isBlank() || code.length() > 128) {
            throw new InvalidValueException(
                    ErrorCode.INVALID_REQUEST, "code must be the 1-128 character wx.login code");
        }
        WechatSession session = wechat.exchange(code);
        return registry.userOf(
                ExternalIdentity.wechat(session.openId()), session.unionId().orElse(null));
    }
}
