package dev.directupload.application.port.out.identity;

/** Exchanges a {@code wx.login} code for the user's WeChat identity. */
public interface WechatSessionPort {

    /**
     * @throws dev.directupload.application.shared.UnauthorizedException {@code wechat_login_failed} when
     *     WeChat refuses the code
     * @throws dev.directupload.application.shared.DependencyUnavailableException {@code wechat_unavailable}
     *     when WeChat cannot be reached in time
     */
    WechatSession exchange(String code);
}
