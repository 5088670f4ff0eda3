package dev.directupload.adapter.web.auth;

import dev.directupload.adapter.web.ratelimit.RequestRateLimiter;
import dev.directupload.adapter.web.request.ClientAddress;
import dev.directupload.application.port.in.identity.DevLoginUseCase;
import dev.directupload.application.port.in.identity.LoginWithWechatUseCase;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.NotFoundException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * Logins: WeChat mini-program code, and (local store only) development users. Both are rate-limited per client
 * address before anything else runs (a WeChat login calls WeChat every time).
 */
@Controller("/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class AuthController {

    private final LoginWithWechatUseCase wechatLogin;
    private final DevLoginUseCase devLogin;
    private final DevLoginPolicy devLoginPolicy;
    private final TokenIssuer tokens;
    private final RequestRateLimiter rateLimiter;
    private final ClientAddress clientAddress;

    AuthController(
            LoginWithWechatUseCase wechatLogin,
            DevLoginUseCase devLogin,
            DevLoginPolicy devLoginPolicy,
            TokenIssuer tokens,
            RequestRateLimiter rateLimiter,
            ClientAddress clientAddress) {
        this.wechatLogin = wechatLogin;
        this.devLogin = devLogin;
        this.devLoginPolicy = devLoginPolicy;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.clientAddress = clientAddress;
    }

    @Post("/wechat/login")
    LoginResponse wechat(HttpRequest<?> request, @Body LoginRequests.Wechat body) {
        rateLimiter.login(clientAddress.of(request));
        return tokens.issue(wechatLogin.login(body.code()));
    }

    @Post("/dev/login")
    LoginResponse dev(HttpRequest<?> request, @Body LoginRequests.Dev body) {
        rateLimiter.login(clientAddress.of(request));
        if (!devLoginPolicy.enabled()) {
            throw new NotFoundException(ErrorCode.NOT_FOUND, "development login is disabled");
        }
        return tokens.issue(devLogin.login(body.user()));
    }
}
