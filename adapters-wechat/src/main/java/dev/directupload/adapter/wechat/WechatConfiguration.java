package dev.directupload.adapter.wechat;

import dev.directupload.settings.CheckedSettings;
import dev.directupload.settings.DurationRange;
import dev.directupload.settings.HttpUrl;
import dev.directupload.settings.Secret;
import dev.directupload.settings.SettingsProblems;
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
 * @param timeout {@code wechat.timeout}: how long one call to WeChat may take, 5 s by default, at most 1 min
 */
@ConfigurationProperties("wechat")
record WechatConfiguration(
        @Nullable String appId,
        @Secret @Nullable String appSecret,

        @HttpUrl @Bindable(defaultValue = "https://api.weixin.qq.com")
        String apiBaseUrl,

        @DurationRange(max = "1m") @Bindable(defaultValue = "5s")
        Duration timeout)
        implements CheckedSettings {

    /** Half a WeChat configuration is a mistake: login would answer 503 although a setting is there. */
    @Override
    public void check(SettingsProblems problems) {
        boolean id = appId != null && !appId.isBlank();
        boolean secret = appSecret != null && !appSecret.isBlank();
        if (id && !secret) {
            problems.add("wechat.app-secret", "set together with wechat.app-id, or neither");
        } else if (secret && !id) {
            problems.add("wechat.app-id", "set together with wechat.app-secret, or neither");
        }
    }

    boolean isConfigured() {
        return appId != null && !appId.isBlank() && appSecret != null && !appSecret.isBlank();
    }

    @Override
    public String toString() {
        return "WechatConfiguration[appId=" + appId + ", appSecret=***, apiBaseUrl=" + apiBaseUrl + "]";
    }
}
