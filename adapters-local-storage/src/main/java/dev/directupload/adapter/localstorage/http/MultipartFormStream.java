package dev.directupload.adapter.localstorage.http;

import dev.directupload.adapter.localstorage.error.OssError;
import dev.directupload.adapter.localstorage.error.OssRejection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A streaming multipart/form-data reader (RFC 7578): parts come one at a time and a part's body is read
 * straight from the request through a fixed 64 KiB window, so no part is ever held whole in memory.
 * Syntax errors and a body that ends before the closing delimiter are {@code MalformedPOSTRequest}.
 */
final class MultipartFormStream {

    private static final int WINDOW = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf = new byte[WINDOW];
    private int pos;
    private int lim;
    /** Bytes dropped from the front of the window so far (the two primed CRLF bytes included). */
    private long compacted;

    private boolean finished;
    private PartBody current;

    /** One part: its name, file name and Content-Type from the part headers, and its body stream. */
    record Part(String name, String fileName, String contentType, InputStream body) {}

    MultipartFormStream(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // The first delimiter may open the body without a preceding CRLF: read the preamble as a part body.
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
        current = new PartBody();
    }

    /** The boundary parameter of a multipart/form-data Content-Type, empty when it is not one. */
    static Optional<String> boundaryOf(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String[] params = contentType.split(";");
        if (!params[0].trim().equalsIgnoreCase("multipart/form-data")) {
            return Optional.empty();
        }
        for (int i = 1; i < params.length; i++) {
            String param = params[i].trim();
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                String value = unquote(param.substring(eq + 1).trim());
                return value.isEmpty() || value.length() > 200 ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** How many bytes of the body the parts read so far span (headers and delimiters included). */
    long position() {
        return compacted + pos - 2;
    }

    /** The next part, or empty after the closing delimiter; an unread previous part is skipped. */
    Optional<Part> next() throws IOException {
        if (finished) {
            return Optional.empty();
        }
        current.skipRest();
        if (!ensure(2)) {
            throw malformed("the body ends inside a delimiter");
        }
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return Optional.empty();
        }
        String headers = readHeaders();
        String name = null;
        String fileName = null;
        String contentType = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (header.equals("content-disposition")) {
                if (!value.toLowerCase(Locale.ROOT).startsWith("form-data")) {
                    throw malformed("a part is not form-data");
                }
                name = parameter(value, "name");
                fileName = parameter(value, "filename");
            } else if (header.equals("content-type")) {
                contentType = value;
            }
        }
        if (name == null) {
            throw malformed("a part has no name");
        }
        current = new PartBody();
        return Optional.of(new Part(name, fileName, contentType, current));
    }

    private String readHeaders() throws IOException {
        // after the delimiter: optional transport padding, then CRLF, then header lines up to an empty line
        while (true) {
            if (!ensure(1)) {
                throw malformed("the body ends after a delimiter");
            }
            if (buf[pos] == ' ' || buf[pos] == '\t') {
                pos++;
            } else {
                break;
            }
        }
        if (!ensure(2) || buf[pos] != '\r' || buf[pos + 1] != '\n') {
            throw malformed("a delimiter is not followed by CRLF");
        }
        pos += 2;
        if (ensure(2) && buf[pos] == '\r' && buf[pos + 1] == '\n') {
            pos += 2; // a part without headers
            return "";
        }
        while (true) {
            int end = indexOf(HEADER_END, pos, lim);
            if (end >= 0) {
                String headers = new String(buf, pos, end - pos, StandardCharsets.UTF_8);
                pos = end + HEADER_END.length;
                return headers;
            }
            if (lim - pos >= MAX_HEADER_BYTES) {
                throw malformed("part headers are too long");
            }
            if (!fill()) {
                throw malformed("the body ends inside part headers");
            }
        }
    }

    /** Reads one part's bytes up to the next delimiter. */
    private final class PartBody extends InputStream {

        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                int found = indexOf(delimiter, pos, lim);
                int available;
                if (found == pos) {
                    pos += delimiter.length;
                    done = true;
                    return -1;
                } else if (found > pos) {
                    available = found - pos;
                } else {
                    available = lim - (delimiter.length - 1) - pos;
                }
                if (available > 0) {
                    int n = Math.min(len, available);
                    System.arraycopy(buf, pos, b, off, n);
                    pos += n;
                    return n;
                }
                if (!fill()) {
                    throw malformed("the body ends before the closing delimiter");
                }
            }
        }

        void skipRest() throws IOException {
            byte[] scratch = new byte[8192];
            while (read(scratch, 0, scratch.length) >= 0) {
                // discard
            }
        }
    }

    /** Makes at least {@code n} unread bytes available; false at end of input. */
    private boolean ensure(int n) throws IOException {
        while (lim - pos < n) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    /** Compacts the window and reads more input into it; false at end of input. */
    private boolean fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            compacted += pos;
            pos = 0;
        }
        if (lim == buf.length) {
            throw new IllegalStateException("window full");
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
            return false;
        }
        lim += n;
        return true;
    }

    private int indexOf(byte[] pattern, int from, int to) {
        byte first = pattern[0];
        int last = to - pattern.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int j = 1; j < pattern.length; j++) {
                if (buf[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String parameter(String header, String name) {
        for (String param : header.split(";")) {
            String p = param.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(name)) {
                return unquote(p.substring(eq + 1).trim());
            }
        }
        return null;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return value;
    }

    private static OssRejection malformed(String detail) {
        return OssError.MALFORMED_POST_REQUEST.reject(
                "The body of your POST request is not well-formed " + "multipart/form-data: " + detail + ".");
    }
}
