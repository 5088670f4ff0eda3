package dev.directupload.application.port.in.identity;

import dev.directupload.domain.identity.User;

/** Logs a user in with a {@code wx.login} code, registering them on first login. */
public interface LoginWithWechatUseCase {

    User login(String code);
}
