package dev.directupload.bootstrap.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/** Posts a form the way {@code wx.uploadFile} does: every field, then the file as the last part "file". */
public final class Multipart {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Multipart() {}

    /** Status and body of the storage's answer. */
    public record StorageAnswer(int status, String body, HttpResponse<String> response) {}

    public static StorageAnswer post(
            String url, Map<String, ?> fields, String fileName, byte[] file, String fileContentType) {
        String boundary = boundary();
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(
                                    body(boundary, fields, fileName, file, fileContentType)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new StorageAnswer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String boundary() {
        return "----wxupload" + UUID.randomUUID();
    }

    /** The multipart body: every field, then the file part (with a Content-Type header only when one is given). */
    static byte[] body(String boundary, Map<String, ?> fields, String fileName, byte[] file, String fileContentType) {
        var body = new ByteArrayOutputStream();
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                            + "\"\r\n\r\n" + field.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\n" + (fileContentType == null ? "" : "Content-Type: " + fileContentType + "\r\n")
                        + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** GETs a (presigned) URL and returns the bytes, or throws with the status. */
    public static HttpResponse<byte[]> get(String url) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
