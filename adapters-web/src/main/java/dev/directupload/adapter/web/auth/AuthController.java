package dev.directupload.adapter.web.auth;

import dev.directupload.application.port.in.identity.DevLoginUseCase;
import dev.directupload.application.port.in.identity.LoginWithWechatUseCase;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.NotFoundException;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/** Logins: WeChat mini-program code, and (local store only) development users. */
@Controller("/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class AuthController {

    private final LoginWithWechatUseCase wechatLogin;
    private final DevLoginUseCase devLogin;
    private final DevLoginPolicy devLoginPolicy;
    private final TokenIssuer tokens;

    AuthController(
            LoginWithWechatUseCase wechatLogin,
            DevLoginUseCase devLogin,
            DevLoginPolicy devLoginPolicy,
            TokenIssuer tokens) {
        this.wechatLogin = wechatLogin;
        this.devLogin = devLogin;
        this.devLoginPolicy = devLoginPolicy;
        this.tokens = tokens;
    }

    @Post("/wechat/login")
    LoginResponse wechat(@Body LoginRequests.Wechat body) {
        return tokens.issue(wechatLogin.login(body.code()));
    }

    @Post("/dev/login")
    LoginResponse dev(@Body LoginRequests.Dev body) {
        if (!devLoginPolicy.enabled()) {
            throw new NotFoundException(ErrorCode.NOT_FOUND, "development login is disabled");
        }
        return tokens.issue(devLogin.login(body.user()));
    }
}
