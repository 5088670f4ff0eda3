package dev.directupload.bootstrap.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * A phone on a slow network: posts a form like {@link Multipart#post}, but holds back the last KiB of the file until
 * {@link #finish} — the store checks the form when the request starts, the bytes arrive whenever the test says.
 */
public final class SlowUpload {

    private static final int HELD_BACK = 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final CountDownLatch headSent = new CountDownLatch(1);
    private final HeldBody body;
    private final CompletableFuture<HttpResponse<String>> response;

    private SlowUpload(String url, Map<String, ?> fields, String fileName, byte[] file, String fileContentType) {
        if (file.length <= HELD_BACK) {
            throw new IllegalArgumentException("a slow upload needs more than " + HELD_BACK + " bytes");
        }
        String boundary = Multipart.boundary();
        byte[] bytes = Multipart.body(boundary, fields, fileName, file, fileContentType);
        int split = bytes.length - ("\r\n--" + boundary + "--\r\n").length() - HELD_BACK;
        body = new HeldBody(bytes, split, headSent);
        response = HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.fromPublisher(body, bytes.length))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Starts the upload and returns once everything but the held-back tail has been sent. */
    public static SlowUpload start(
            String url, Map<String, ?> fields, String fileName, byte[] file, String fileContentType) {
        SlowUpload upload = new SlowUpload(url, fields, fileName, file, fileContentType);
        try {
            if (!upload.headSent.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError(
                        "the upload's first bytes were not sent within 30 s: " + upload.response.getNow(null));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return upload;
    }

    /** Sends the rest and returns the store's answer. */
    public Multipart.StorageAnswer finish() {
        body.release();
        HttpResponse<String> answer = response.orTimeout(60, TimeUnit.SECONDS).join();
        return new Multipart.StorageAnswer(answer.statusCode(), answer.body(), answer);
    }

    /**
     * The request body as 16 KiB chunks, handed out on demand up to {@code split} and the rest only once released;
     * it never blocks the HTTP client's threads.
     */
    private static final class HeldBody implements Flow.Publisher<ByteBuffer> {

        private static final int CHUNK = 16 * 1024;

        private final List<ByteBuffer> chunks = new ArrayList<>();
        private final int headChunks;
        private final CountDownLatch headSent;
        private Flow.Subscriber<? super ByteBuffer> subscriber;
        private long demand;
        private int next;
        private boolean released;
        private boolean draining;
        private boolean done;

        HeldBody(byte[] bytes, int split, CountDownLatch headSent) {
            for (int from = 0; from < split; from += CHUNK) {
                chunks.add(ByteBuffer.wrap(bytes, from, Math.min(CHUNK, split - from)));
            }
            headChunks = chunks.size();
            chunks.add(ByteBuffer.wrap(bytes, split, bytes.length - split));
            this.headSent = headSent;
        }

        @Override
        public synchronized void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
            subscriber = s;
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    synchronized (HeldBody.this) {
                        demand += n;
                        drain();
                    }
                }

                @Override
                public void cancel() {
                    synchronized (HeldBody.this) {
                        done = true;
                    }
                }
            });
        }

        synchronized void release() {
            released = true;
            drain();
        }

        private void drain() {
            if (draining || subscriber == null) {
                return;
            }
            draining = true;
            try {
                int available = released ? chunks.size() : headChunks;
                while (!done && demand > 0 && next < available) {
                    demand--;
                    subscriber.onNext(chunks.get(next++).duplicate());
                }
                if (next == headChunks) {
                    headSent.countDown();
                }
                if (!done && next == chunks.size()) {
                    done = true;
                    subscriber.onComplete();
                }
            } finally {
                draining = false;
            }
        }
    }
}
