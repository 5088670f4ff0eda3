package dev.directupload.adapter.localstorage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds a multipart/form-data body the way a browser or {@code wx.uploadFile} does: fields, then the file. */
final class MultipartBody {

    static final String BOUNDARY = "----DirectUploadTestBoundary7MA4YWxkTrZu0gW";
    static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static MultipartBody of(Map<String, String> fields) {
        MultipartBody body = new MultipartBody();
        fields.forEach(body::field);
        return body;
    }

    MultipartBody field(String name, String value) {
        text("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    MultipartBody file(String fileName, String contentType, byte[] content) {
        text("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n");
        out.writeBytes(content);
        text("\r\n");
        return this;
    }

    byte[] close() {
        text("--" + BOUNDARY + "--\r\n");
        return out.toByteArray();
    }

    /** The body so far, without the closing delimiter. */
    byte[] open() {
        return out.toByteArray();
    }

    private void text(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
