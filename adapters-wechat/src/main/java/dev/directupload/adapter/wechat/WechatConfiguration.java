package dev.directupload.adapter.wechat;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The mini program's WeChat credentials and where WeChat answers.
 *
 * @param appId {@code wechat.app-id}
 * @param appSecret {@code wechat.app-secret}, from the environment only
 * @param apiBaseUrl {@code wechat.api-base-url}, {@code https://api.weixin.qq.com} by default
 * @param timeout {@code wechat.timeout}: how long one call to WeChat may take, 5 s by default
 */
@ConfigurationProperties("wechat")
record WechatConfiguration(
        @Nullable String appId,
        @Nullable String appSecret,

        @Bindable(defaultValue = "https://api.weixin.qq.com")
        String apiBaseUrl,

        @Bindable(defaultValue = "5s") Duration timeout) {

    boolean isConfigured() {
        return appId != null && !appId.isBlank() && appSecret != null && !appSecret.isBlank();
    }

    @Override
    public String toString() {
        return "WechatConfiguration[appId=" + appId + ", appSecret=***, apiBaseUrl=" + apiBaseUrl + "]";
    }
}
