package dev.directupload.adapter.localstorage;

import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.PresignDownloadPort;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The 1 GiB benchmark of {@code bench/local-store/run.sh}. {@code server <root> <port> <formFile>} starts the
 * local store alone in a Micronaut server and writes a signed form and a presigned GET URL to
 * {@code formFile}; {@code client <formFile> <bytes>} streams that many pseudo-random bytes as the
 * form's file, then downloads the object and checks both MD5s.
 */
public final class LocalStoreBench {

    private static final String FILE_NAME = "big.bin";
    private static final String PREFIX = "families/bench/incoming/u1/";

    private LocalStoreBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("server")) {
            server(Path.of(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
        } else if (args.length == 3 && args[0].equals("client")) {
            client(Path.of(args[1]), Long.parseLong(args[2]));
        } else {
            System.err.println("usage: server <root> <port> <formFile> | client <formFile> <bytes>");
            System.exit(2);
        }
    }

    private static void server(Path root, int port, Path formFile) throws IOException {
        EmbeddedServer server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "local-storage.root", root.toString(),
                        "micronaut.server.port", Integer.toString(port),
                        // the properties bootstrap's application.yml sets for the local store (see docs/benchmarks.md)
                        "micronaut.server.max-request-size", "5GB"));
        ApplicationContext context = server.getApplicationContext();
        UploadForm form = context.getBean(SignUploadFormPort.class)
                .sign(new UploadFormRequest(
                        new FamilyId("bench"),
                        new KeyCondition.Prefix(new KeyPrefix(PREFIX)),
                        SizeRange.upTo(ByteSize.ofMegabytes(1024)),
                        Set.of(),
                        Duration.ofMinutes(15)));
        String download = context.getBean(PresignDownloadPort.class)
                .presign(new ObjectKey(PREFIX + FILE_NAME), Duration.ofHours(1))
                .url();
        Properties out = new Properties();
        out.setProperty("url", form.url());
        out.setProperty("download", download);
        form.fields().forEach((name, value) -> out.setProperty("field." + name, value));
        Path temp = Files.createTempFile(formFile.toAbsolutePath().getParent(), "form", ".tmp");
        try (OutputStream stream = Files.newOutputStream(temp)) {
            out.store(stream, null);
        }
        Files.move(temp, formFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("server ready on " + server.getURL() + " pid "
                + ProcessHandle.current().pid());
    }

    private static void client(Path formFile, long bytes) throws Exception {
        Properties form = new Properties();
        try (Reader reader = Files.newBufferedReader(formFile)) {
            form.load(reader);
        }
        MultipartBody head = new MultipartBody();
        form.stringPropertyNames().stream()
                .filter(n -> n.startsWith("field."))
                .sorted()
                .forEach(n -> head.field(n.substring("field.".length()), form.getProperty(n)));
        String fileHeader = "--" + MultipartBody.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"" + FILE_NAME + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        byte[] prefix = concat(head.open(), fileHeader.getBytes(StandardCharsets.UTF_8));
        byte[] suffix = ("\r\n--" + MultipartBody.BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        MessageDigest sent = MessageDigest.getInstance("MD5");
        RandomBytes file = new RandomBytes(bytes, sent);

        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(form.getProperty("url")))
                        .header("Content-Type", MultipartBody.CONTENT_TYPE)
                        .POST(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                                        new SequenceInputStream(new ByteArrayInputStream(prefix), file),
                                        new ByteArrayInputStream(suffix))),
                                prefix.length + bytes + suffix.length))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        double uploadSeconds = (System.nanoTime() - start) / 1e9;
        String md5 = HexFormat.of().formatHex(sent.digest()).toUpperCase(Locale.ROOT);
        String etag = response.headers().firstValue("ETag").orElse("");
        System.out.printf(
                Locale.ROOT,
                "upload: status %d, %d bytes in %.1f s (%.0f MiB/s), ETag %s, sent MD5 %s%n",
                response.statusCode(),
                bytes,
                uploadSeconds,
                bytes / 1048576.0 / uploadSeconds,
                etag,
                md5);
        if (response.statusCode() != 200 || !etag.equals("\"" + md5 + "\"")) {
            System.out.println(response.body());
            System.exit(1);
        }

        start = System.nanoTime();
        HttpResponse<InputStream> download = http.send(
                HttpRequest.newBuilder(URI.create(form.getProperty("download")))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest received = MessageDigest.getInstance("MD5");
        long count = 0;
        try (InputStream in = download.body()) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) >= 0; count += n) {
                received.update(buf, 0, n);
            }
        }
        double downloadSeconds = (System.nanoTime() - start) / 1e9;
        String downloaded = HexFormat.of().formatHex(received.digest()).toUpperCase(Locale.ROOT);
        System.out.printf(
                Locale.ROOT,
                "download: status %d, %d bytes in %.1f s, MD5 %s%n",
                download.statusCode(),
                count,
                downloadSeconds,
                downloaded);
        if (download.statusCode() != 200 || count != bytes || !downloaded.equals(md5)) {
            System.exit(1);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** {@code size} pseudo-random bytes generated on the fly (nothing held in memory), hashed as read. */
    private static final class RandomBytes extends InputStream {

        private final SplittableRandom random = new SplittableRandom(4);
        private final MessageDigest digest;
        private long remaining;

        RandomBytes(long size, MessageDigest digest) {
            this.remaining = size;
            this.digest = digest;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining) & ~7;
            if (n == 0) {
                n = (int) Math.min(len, remaining);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) random.nextInt();
                }
            } else {
                for (int i = 0; i < n; i += 8) {
                    long r = random.nextLong();
                    for (int j = 0; j < 8; j++) {
                        b[off + i + j] = (byte) (r >>> (j * 8));
                    }
                }
            }
            digest.update(b, off, n);
            remaining -= n;
            return n;
        }
    }
}
