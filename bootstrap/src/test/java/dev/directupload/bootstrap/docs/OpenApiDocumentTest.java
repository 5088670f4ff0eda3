package dev.directupload.bootstrap.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document generated at build time is served with its Swagger UI, and it documents every route the
 * running service has: a controller method or management endpoint added without reaching the document fails here.
 */
@MicronautTest
class OpenApiDocumentTest {

    static final String DOCUMENT = "/swagger/direct-upload.yml";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    Router router;

    @Test
    void everyRouteOfTheRouterIsInTheServedDocument() {
        Set<String> routed = router.uriRoutes()
                .map(route -> operation(
                        route.getHttpMethod().name(),
                        route.getUriMatchTemplate().toPathString()))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = documentedOperations(served(DOCUMENT));

        assertThat(routed).as("routes of the running service").contains("POST /uploads", "GET /health");
        assertThat(missingFrom(documented, routed))
                .as("routes the OpenAPI document lacks")
                .isEmpty();
    }

    @Test
    void theComparison_reportsARouteTheDocumentLacks() {
        Map<String, Object> document =
                Map.of("paths", Map.of("/uploads/{upload_id}/complete", Map.of("post", Map.of())));
        Set<String> routed =
                Set.of(operation("POST", "/uploads/{uploadId}/complete"), operation("DELETE", "/photos/{photoId}"));
        assertThat(missingFrom(documentedOperations(document), routed)).containsExactly("DELETE /photos/{}");
    }

    @Test
    void theDocumentIsOpenApi3WithTheApiInfo() {
        Map<String, Object> document = served(DOCUMENT);
        assertThat(document.get("openapi").toString()).startsWith("3.");
        assertThat(document).containsKey("components");
    }

    @Test
    void swaggerUi_isServedFromLocalAssets() {
        HttpResponse<String> page =
                client.toBlocking().exchange(HttpRequest.GET("/swagger-ui/index.html"), String.class);
        assertThat(page.code()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("/swagger-ui/res/swagger-ui-bundle.js", DOCUMENT.substring(1));
        assertThat(html).as("no asset from another host").doesNotContainPattern("(src|href)=[\"']?https?://");
        assertThat(html).doesNotContain("cdn", "unpkg", "jsdelivr");

        HttpResponse<byte[]> bundle =
                client.toBlocking().exchange(HttpRequest.GET("/swagger-ui/res/swagger-ui-bundle.js"), byte[].class);
        assertThat(bundle.code()).isEqualTo(200);
        assertThat(bundle.body().length).isGreaterThan(100_000);
    }

    private Map<String, Object> served(String path) {
        HttpResponse<String> response = client.toBlocking().exchange(HttpRequest.GET(path), String.class);
        assertThat(response.code()).isEqualTo(200);
        return new Yaml().load(response.body());
    }

    /** "METHOD /path/{}" for every operation of the document's paths. */
    @SuppressWarnings("unchecked")
    static Set<String> documentedOperations(Map<String, Object> document) {
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        Set<String> operations = new TreeSet<>();
        paths.forEach((path, item) -> item.keySet().stream()
                .filter(key -> !key.equals("parameters") && !key.equals("summary") && !key.equals("description"))
                .forEach(method -> operations.add(operation(method, path))));
        return operations;
    }

    /**
     * The routed operations the document lacks. Micronaut answers HEAD on every GET route by itself; such a HEAD is
     * documented by its GET.
     */
    static Set<String> missingFrom(Set<String> documented, Set<String> routed) {
        Set<String> missing = new TreeSet<>();
        for (String route : routed) {
            boolean headOfDocumentedGet =
                    route.startsWith("HEAD ") && documented.contains("GET " + route.substring("HEAD ".length()));
            if (!documented.contains(route) && !headOfDocumentedGet) {
                missing.add(route);
            }
        }
        return missing;
    }

    /** Variables are compared by position only: {@code {uploadId}}, {@code {upload_id}} and {@code {+key}} are alike. */
    static String operation(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path.replaceAll("\\{[^}]*}", "{}");
    }
}
