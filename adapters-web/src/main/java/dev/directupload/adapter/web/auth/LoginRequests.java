package dev.directupload.adapter.web.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Login bodies. */
final class LoginRequests {

    private LoginRequests() {}

    /** {@code {"code": "<wx.login code>"}}. */
    @Serdeable
    record Wechat(@Nullable String code) {}

    /** {@code {"user": "alice"}}. */
    @Serdeable
    record Dev(@Nullable String user) {}
}
