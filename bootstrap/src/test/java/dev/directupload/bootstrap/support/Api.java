package dev.directupload.bootstrap.support;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.Map;

/** A small JSON client for end-to-end tests: every call returns status and body, errors included. */
public final class Api {

    private final BlockingHttpClient http;
    private final boolean devLogin;

    /** A client that logs users in through development login (local store). */
    public Api(BlockingHttpClient http) {
        this(http, true);
    }

    /** @param devLogin false: log in through WeChat login against a {@link FakeWechat} */
    public Api(BlockingHttpClient http, boolean devLogin) {
        this.http = http;
        this.devLogin = devLogin;
    }

    private Answer loginAnswer(String user) {
        return devLogin
                ? post("/auth/dev/login", Map.of("user", user), null)
                : post("/auth/wechat/login", Map.of("code", "good-" + user), null);
    }

    /** Status, parsed JSON body (may be null) and headers of one answer. */
    public record Answer(int status, Map<String, Object> body, HttpResponse<?> response) {

        public String text(String field) {
            Object value = body == null ? null : body.get(field);
            return value == null ? null : value.toString();
        }

        public String header(String name) {
            return response.getHeaders().get(name);
        }
    }

    public Answer call(MutableHttpRequest<?> request, String token) {
        if (token != null) {
            request.bearerAuth(token);
        }
        try {
            HttpResponse<Map<String, Object>> response =
                    http.exchange(request, Argument.mapOf(String.class, Object.class));
            return new Answer(response.code(), response.body(), response);
        } catch (HttpClientResponseException e) {
            Map<String, Object> body = e.getResponse()
                    .getBody(Argument.mapOf(String.class, Object.class))
                    .orElse(null);
            return new Answer(e.code(), body, e.getResponse());
        }
    }

    public Answer get(String uri, String token) {
        return call(HttpRequest.GET(uri), token);
    }

    public Answer post(String uri, Object body, String token) {
        return call(HttpRequest.POST(uri, body), token);
    }

    public Answer postRaw(String uri, String json, String token) {
        return call(HttpRequest.POST(uri, json).contentType("application/json"), token);
    }

    public Answer patch(String uri, Object body, String token) {
        return call(HttpRequest.PATCH(uri, body), token);
    }

    public Answer delete(String uri, String token) {
        return call(HttpRequest.DELETE(uri), token);
    }

    /** Logs a user in and returns their token. */
    public String login(String user) {
        return loginUser(user)[0];
    }

    /** Logs in and returns {token, user id}. */
    @SuppressWarnings("unchecked")
    public String[] loginUser(String user) {
        Answer answer = loginAnswer(user);
        if (answer.status() != 200) {
            throw new AssertionError("login failed: " + answer);
        }
        return new String[] {
            answer.text("token"),
            ((Map<String, Object>) answer.body().get("user")).get("id").toString()
        };
    }
}
