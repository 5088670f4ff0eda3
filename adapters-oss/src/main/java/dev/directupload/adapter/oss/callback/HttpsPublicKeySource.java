package dev.directupload.adapter.oss.callback;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Fetches OSS's callback public key over HTTPS: certificate checked by the JDK, no redirect followed (a redirect
 * could lead anywhere), a few seconds at most (OSS waits 5 s for the callback's answer), a PEM of a few KiB at most.
 */
final class HttpsPublicKeySource implements OssCallbackVerifier.PublicKeySource {

    static final int MAX_PEM_BYTES = 16 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT)
            .build();

    @Override
    public String fetchPem(String url) {
        URI uri = URI.create(url);
        if (!"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("public keys are fetched over https only, not " + url);
        }
        try {
            HttpResponse<InputStream> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(url + " answered " + response.statusCode());
                }
                byte[] pem = body.readNBytes(MAX_PEM_BYTES + 1);
                if (pem.length > MAX_PEM_BYTES) {
                    throw new IllegalStateException(url + " answered more than " + MAX_PEM_BYTES + " bytes");
                }
                return new String(pem, StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + url, e);
        }
    }
}
