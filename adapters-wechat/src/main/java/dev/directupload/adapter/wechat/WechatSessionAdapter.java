package dev.directupload.adapter.wechat;

import dev.directupload.application.port.out.identity.WechatSession;
import dev.directupload.application.port.out.identity.WechatSessionPort;
import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.application.shared.UnauthorizedException;
import dev.directupload.domain.shared.ErrorCode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.HttpClientConfiguration;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.serde.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls WeChat's {@code /sns/jscode2session}; errcodes become 401, an unreachable or slow WeChat 503. */
@Singleton
final class WechatSessionAdapter implements WechatSessionPort {

    private static final Logger LOG = LoggerFactory.getLogger(WechatSessionAdapter.class);

    private final WechatConfiguration config;
    private final HttpClient client;
    private final ObjectMapper json;

    WechatSessionAdapter(WechatConfiguration config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        var clientConfig = new io.micronaut.http.client.DefaultHttpClientConfiguration();
        clientConfig.setReadTimeout(config.timeout());
        clientConfig.setConnectTimeout(config.timeout());
        this.client = HttpClient.create(null, (HttpClientConfiguration) clientConfig);
    }

    @Override
    public WechatSession exchange(String code) {
        if (!config.isConfigured()) {
            throw new DependencyUnavailableException(
                    ErrorCode.WECHAT_UNAVAILABLE,
                    "WeChat login is not configured: set wechat.app-id and wechat.app-secret",
                    null);
        }
        URI uri = UriBuilder.of(URI.create(config.apiBaseUrl()))
                .path("/sns/jscode2session")
                .queryParam("appid", config.appId())
                .queryParam("secret", config.appSecret())
                .queryParam("js_code", code)
                .queryParam("grant_type", "authorization_code")
                .build();
        Jscode2SessionAnswer answer = parse(call(uri));
        if (answer.failed()) {
            // the errcode is WeChat's documented number; its errmsg is WeChat's own text and stays in our log
            LOG.info("WeChat refused a login code: errcode {}, errmsg {}", answer.errCode(), answer.errMsg());
            throw new UnauthorizedException(
                    ErrorCode.WECHAT_LOGIN_FAILED, "WeChat refused the login code (errcode " + answer.errCode() + ")");
        }
        return new WechatSession(
                answer.openId(), Optional.ofNullable(answer.unionId()).filter(u -> !u.isBlank()));
    }

    private String call(URI uri) {
        try {
            return client.toBlocking().retrieve(HttpRequest.GET(uri), String.class);
        } catch (HttpClientResponseException e) {
            throw unavailable("WeChat answered HTTP " + e.code(), e);
        } catch (HttpClientException e) {
            throw unavailable("WeChat could not be reached or did not answer in time", e);
        }
    }

    private Jscode2SessionAnswer parse(String body) {
        try {
            return json.readValue(body, Jscode2SessionAnswer.class);
        } catch (IOException | RuntimeException e) {
            throw unavailable("WeChat answered something that is not its JSON", e);
        }
    }

    /** The client learns which dependency failed, never WeChat's or the HTTP client's own words: those are logged. */
    private static DependencyUnavailableException unavailable(String message, Exception cause) {
        LOG.warn("WeChat login call failed: {} ({})", message, cause.toString());
        return new DependencyUnavailableException(ErrorCode.WECHAT_UNAVAILABLE, message, cause);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
