package dev.directupload.adapter.localstorage.http;

import static dev.directupload.adapter.localstorage.error.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.adapter.localstorage.error.OssError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming multipart reader on awkward input: tiny reads, near-delimiters in the data, truncation. */
class MultipartFormStreamTest {

    private static final String BOUNDARY = "----b0undary";

    @ParameterizedTest(name = "reads of {0} bytes")
    @ValueSource(ints = {1, 3, 7, 70, 4096, 100_000})
    void givenFieldsAndBinaryFile_readsEveryByte_whateverTheReadSize(int readSize) throws IOException {
        byte[] file = new byte[300_000];
        new Random(7).nextBytes(file);
        // data that almost looks like the delimiter, across the whole file
        byte[] near =
                ("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1) + "X").getBytes(StandardCharsets.ISO_8859_1);
        for (int at = 1000; at + near.length < file.length; at += 65_531) {
            System.arraycopy(near, 0, file, at, near.length);
        }
        byte[] body = body(file, true);

        MultipartFormStream form = new MultipartFormStream(trickle(body, readSize), BOUNDARY);
        MultipartFormStream.Part key = form.next().orElseThrow();
        assertThat(key.name()).isEqualTo("key");
        assertThat(new String(key.body().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("a/b.jpg");
        MultipartFormStream.Part empty = form.next().orElseThrow();
        assertThat(empty.name()).isEqualTo("x:empty");
        // not read: next() skips it
        MultipartFormStream.Part filePart = form.next().orElseThrow();
        assertThat(filePart.name()).isEqualTo("file");
        assertThat(filePart.fileName()).isEqualTo("b.jpg");
        assertThat(filePart.contentType()).isEqualTo("image/jpeg");
        assertThat(filePart.body().readAllBytes()).isEqualTo(file);
        assertThat(form.next()).isEmpty();
    }

    @Test
    void givenBodyCutInsideTheFile_isMalformed() {
        byte[] body = body(new byte[10_000], true);
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 100);

        assertRejected(() -> readAll(cut), OssError.MALFORMED_POST_REQUEST);
    }

    @Test
    void givenNoClosingDelimiter_isMalformed() {
        assertRejected(() -> readAll(body(new byte[10], false)), OssError.MALFORMED_POST_REQUEST);
    }

    @Test
    void givenGarbage_isMalformed() {
        assertRejected(
                () -> readAll("no multipart here".getBytes(StandardCharsets.UTF_8)), OssError.MALFORMED_POST_REQUEST);
    }

    @Test
    void boundaryOf_readsQuotedAndPlainBoundaries_andRefusesOtherTypes() {
        assertThat(MultipartFormStream.boundaryOf("multipart/form-data; boundary=abc"))
                .contains("abc");
        assertThat(MultipartFormStream.boundaryOf("Multipart/Form-Data;charset=utf-8; boundary=\"a b\""))
                .contains("a b");
        assertThat(MultipartFormStream.boundaryOf("application/json")).isEmpty();
        assertThat(MultipartFormStream.boundaryOf("multipart/form-data")).isEmpty();
        assertThat(MultipartFormStream.boundaryOf(null)).isEmpty();
    }

    private static void readAll(byte[] body) {
        try {
            MultipartFormStream form = new MultipartFormStream(new ByteArrayInputStream(body), BOUNDARY);
            while (form.next().isPresent()) {
                // next() drains each part
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] body(byte[] file, boolean closed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\na/b.jpg\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"x:empty\"\r\n\r\n\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + BOUNDARY + (closed ? "--\r\n" : "")).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A stream that never returns more than {@code max} bytes per read. */
    private static InputStream trickle(byte[] data, int max) {
        return new FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, max));
            }
        };
    }
}
