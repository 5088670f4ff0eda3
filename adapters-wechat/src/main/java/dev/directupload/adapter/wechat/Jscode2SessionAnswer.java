package dev.directupload.adapter.wechat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** WeChat's jscode2session JSON: openid/unionid on success, errcode/errmsg on failure. */
@Serdeable
record Jscode2SessionAnswer(
        @Nullable @JsonProperty("openid") String openId,
        @Nullable @JsonProperty("unionid") String unionId,
        @Nullable @JsonProperty("session_key") String sessionKey,
        @Nullable @JsonProperty("errcode") Integer errCode,
        @Nullable @JsonProperty("errmsg") String errMsg) {

    boolean failed() {
        return errCode != null && errCode != 0 || openId == null || openId.isBlank();
    }

    @Override
    public String toString() {
        return "Jscode2SessionAnswer[openId=" + openId + ", errCode=" + errCode + ", errMsg=" + errMsg + "]";
    }
}
