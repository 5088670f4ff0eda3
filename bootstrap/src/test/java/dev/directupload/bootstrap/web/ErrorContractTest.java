package dev.directupload.bootstrap.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest
class ErrorContractTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void health_isUp() {
        var response = client.toBlocking().exchange(HttpRequest.GET("/health"), Map.class);
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Map.of("status", "UP"));
    }

    @Test
    void unknownRoute_answersTheErrorShape() {
        HttpClientResponseException e = call(HttpRequest.GET("/no/such/route"));
        assertThat(e.code()).isEqualTo(404);
        assertThat(e.getResponse().getBody(Map.class)).get().satisfies(body -> {
            assertThat(body).containsEntry("code", "not_found");
            assertThat(body).containsKey("message");
        });
    }

    @Test
    void wrongMethod_answersTheErrorShape() {
        HttpClientResponseException e = call(HttpRequest.DELETE("/health"));
        assertThat(e.code()).isEqualTo(405);
        assertThat(e.getResponse().getBody(Map.class))
                .get()
                .satisfies(body -> assertThat(body).containsEntry("code", "method_not_allowed"));
    }

    private HttpClientResponseException call(HttpRequest<?> request) {
        try {
            client.toBlocking().exchange(request, Map.class);
        } catch (HttpClientResponseException e) {
            return e;
        }
        throw new AssertionError("expected an error status");
    }
}
