// Client side of the upload-flow benchmarks (issue 6). Run with the JDK alone: java UploadFlowBench.java <mode> ...
//
//   setup   BASE OUT_PROPS                     dev login as "bench", create a family and an album, write their ids
//   hash    BASE PROPS ROUNDS CALLS WARMUP     POST /hash/check with 1 and with 1000 hashes (half stored, half not);
//                                              -Dheavy.calls=N -Dheavy.warmup=N for the 1000-hash call
//   prepare BASE PROPS ROUNDS CALLS WARMUP     POST /uploads with 500 new files (-Dheavy.calls / -Dheavy.warmup too)
//   list    BASE PROPS ROUNDS CALLS WARMUP     GET /albums/{id}/photos?limit=100, first page and a page 10 deep
//   complete BASE PROPS ROUNDS CALLS WARMUP    per call: POST /uploads for one new 100 KB file (not timed), the
//                                              multipart POST of its form to the local store (timed: store_post_100k)
//                                              and POST /uploads/{id}/complete (timed: complete_1)
//
// The seeded family stores md5("bench-" + i) for i in 1..STORED (the seed scripts use the same rule), so the
// client knows which hashes exist without asking. Calls are sequential on one HTTP/1.1 connection pool; each
// round reports median / p90 / min / max in milliseconds, and the last line of each benchmark is the median of
// all measured calls together. Every answer is checked (status and content), so a wrong answer fails the run.
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class UploadFlowBench {

    static final int STORED = Integer.getInteger("stored", 1_000_000);
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final Random RANDOM = new Random(Long.getLong("seed", 42L));
    static final Random CONTENT = new Random();

    static String base;
    static String token;
    static Properties ids = new Properties();

    public static void main(String[] args) throws Exception {
        base = args[1];
        switch (args[0]) {
            case "setup" -> setup(Path.of(args[2]));
            case "hash", "prepare", "list", "complete" -> {
                try (Reader r = Files.newBufferedReader(Path.of(args[2]))) {
                    ids.load(r);
                }
                token = ids.getProperty("token");
                int rounds = Integer.parseInt(args[3]);
                int calls = Integer.parseInt(args[4]);
                int warmup = Integer.parseInt(args[5]);
                switch (args[0]) {
                    case "hash" -> {
                        measure("hash_check_1", rounds, calls, warmup, i -> hashCheck(1));
                        // -Dheavy.calls / -Dheavy.warmup: fewer calls where one call takes seconds (H2, see docs)
                        measure("hash_check_1000", rounds, Integer.getInteger("heavy.calls", calls),
                                Integer.getInteger("heavy.warmup", warmup), i -> hashCheck(1000));
                    }
                    case "prepare" -> measure("prepare_500", rounds, Integer.getInteger("heavy.calls", calls),
                            Integer.getInteger("heavy.warmup", warmup), i -> prepare(500));
                    case "complete" -> measureComplete(rounds, calls, warmup);
                    default -> {
                        String deepCursor = cursorAfterPages(10);
                        measure("list_100_first_page", rounds, calls, warmup, i -> list(null));
                        measure("list_100_page_11", rounds, calls, warmup, i -> list(deepCursor));
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    // ---------------------------------------------------------------- setup

    static void setup(Path out) throws Exception {
        String login = call("POST", "/auth/dev/login", "{\"user\":\"bench\"}", 200);
        token = field(login, "token");
        String userId = field(login.substring(login.indexOf("\"user\"")), "id");
        String family = field(call("POST", "/families", "{\"name\":\"bench family\"}", 201), "id");
        String album = field(call("POST", "/families/" + family + "/albums", "{\"name\":\"bench album\"}", 201), "id");
        Properties p = new Properties();
        p.setProperty("token", token);
        p.setProperty("user_id", userId);
        p.setProperty("family_id", family);
        p.setProperty("album_id", album);
        try (Writer w = Files.newBufferedWriter(out)) {
            p.store(w, "upload-flow bench ids (temporary; holds a token)");
        }
        System.out.println("user_id=" + userId + " family_id=" + family + " album_id=" + album);
    }

    // ---------------------------------------------------------------- benchmarks

    /** Half the hashes are stored (md5 of "bench-i"), half are not (md5 of "absent-..."). */
    static void hashCheck(int n) {
        List<String> hashes = new ArrayList<>(n);
        java.util.Set<String> stored = new java.util.HashSet<>();
        boolean existingFirst = RANDOM.nextBoolean(); // for n == 1: stored or not, half the calls each
        for (int k = 0; k < n; k++) {
            if ((k % 2 == 0) == existingFirst) {
                String h = md5("bench-" + (1 + RANDOM.nextInt(STORED)));
                hashes.add(h);
                stored.add(h);
            } else {
                hashes.add(md5("absent-" + RANDOM.nextLong()));
            }
        }
        String body = "{\"family_id\":\"" + ids.getProperty("family_id") + "\",\"hashes\":" + jsonStrings(hashes) + "}";
        String answer = call("POST", "/hash/check", body, 200);
        int existing = count(answer.substring(answer.indexOf("\"existing\""), answer.indexOf("\"missing\"")), "\"") / 2 - 1;
        if (existing != stored.size()) {
            throw new IllegalStateException("expected " + stored.size() + " existing, answer: " + abbreviate(answer));
        }
    }

    /** 500 new files (random md5s, never stored), all of which must get an upload slot. */
    static void prepare(int n) {
        StringBuilder files = new StringBuilder("[");
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                files.append(',');
            }
            files.append("{\"client_ref\":\"").append(k).append("\",\"name\":\"IMG_").append(k)
                    .append(".jpg\",\"size\":").append(100_000 + RANDOM.nextInt(5_000_000))
                    .append(",\"type\":\"image/jpeg\",\"md5\":\"").append(md5("new-" + RANDOM.nextLong())).append("\"}");
        }
        files.append(']');
        String body = "{\"family_id\":\"" + ids.getProperty("family_id") + "\",\"album_id\":\""
                + ids.getProperty("album_id") + "\",\"files\":" + files + "}";
        String answer = call("POST", "/uploads", body, 200);
        int slots = count(answer, "\"status\":\"upload\"");
        if (slots != n) {
            throw new IllegalStateException("expected " + n + " upload slots, got " + slots + ": " + abbreviate(answer));
        }
    }

    /** One new file through the whole flow; returns {store POST ms, complete ms}. */
    static double[] uploadAndComplete() {
        byte[] content = new byte[100 * 1024];
        CONTENT.nextBytes(content); // new bytes in every run: the same file again would be an instant upload
        String md5 = md5(content);
        String body = "{\"family_id\":\"" + ids.getProperty("family_id") + "\",\"album_id\":\""
                + ids.getProperty("album_id") + "\",\"files\":[{\"client_ref\":\"0\",\"name\":\"IMG.jpg\",\"size\":"
                + content.length + ",\"type\":\"image/jpeg\",\"md5\":\"" + md5 + "\"}]}";
        String answer = call("POST", "/uploads", body, 200);
        String uploadId = field(answer, "upload_id");
        String url = field(answer, "url");
        Matcher fieldsJson = Pattern.compile("\"fields\"\\s*:\\s*\\{([^}]*)\\}").matcher(answer);
        if (!fieldsJson.find()) {
            throw new IllegalStateException("no form fields in " + abbreviate(answer));
        }
        String boundary = "----bench" + Long.toHexString(RANDOM.nextLong());
        java.io.ByteArrayOutputStream form = new java.io.ByteArrayOutputStream(content.length + 4096);
        Matcher pair = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\"([^\"]*)\"").matcher(fieldsJson.group(1));
        while (pair.find()) {
            form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + pair.group(1) + "\"\r\n\r\n"
                    + pair.group(2) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"IMG.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        form.writeBytes(content);
        form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
            if (posted.statusCode() != 200) {
                throw new IllegalStateException("store POST -> " + posted.statusCode() + " " + abbreviate(posted.body()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("store POST: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long t1 = System.nanoTime();
        String photo = call("POST", "/uploads/" + uploadId + "/complete", null, 200);
        long t2 = System.nanoTime();
        if (!md5.equals(field(photo, "md5"))) {
            throw new IllegalStateException("complete answered another md5: " + abbreviate(photo));
        }
        return new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6};
    }

    static void measureComplete(int rounds, int calls, int warmup) {
        for (int i = 0; i < warmup; i++) {
            uploadAndComplete();
        }
        double[] allPost = new double[rounds * calls];
        double[] allComplete = new double[rounds * calls];
        for (int r = 0; r < rounds; r++) {
            double[] post = new double[calls];
            double[] complete = new double[calls];
            for (int i = 0; i < calls; i++) {
                double[] ms = uploadAndComplete();
                post[i] = ms[0];
                complete[i] = ms[1];
                allPost[r * calls + i] = ms[0];
                allComplete[r * calls + i] = ms[1];
            }
            System.out.println(line("store_post_100k", "round " + (r + 1), post));
            System.out.println(line("complete_1", "round " + (r + 1), complete));
        }
        System.out.println(line("store_post_100k", "all", allPost));
        System.out.println(line("complete_1", "all", allComplete));
    }

    static String list(String cursor) {
        String path = "/albums/" + ids.getProperty("album_id") + "/photos?limit=100"
                + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        String answer = call("GET", path, null, 200);
        int photos = count(answer, "\"url\":\"");
        if (photos != 100) {
            throw new IllegalStateException("expected 100 photos with a url, got " + photos);
        }
        return answer;
    }

    static String cursorAfterPages(int pages) {
        String cursor = null;
        for (int p = 0; p < pages; p++) {
            Matcher m = Pattern.compile("\"next_cursor\":\"([^\"]+)\"").matcher(list(cursor));
            if (!m.find()) {
                throw new IllegalStateException("album has fewer than " + (pages + 1) * 100 + " photos");
            }
            cursor = m.group(1);
        }
        return cursor;
    }

    // ---------------------------------------------------------------- measuring

    static void measure(String name, int rounds, int calls, int warmup, IntConsumer call) {
        for (int i = 0; i < warmup; i++) {
            call.accept(i);
        }
        double[] all = new double[rounds * calls];
        for (int r = 0; r < rounds; r++) {
            double[] ms = new double[calls];
            for (int i = 0; i < calls; i++) {
                long t0 = System.nanoTime();
                call.accept(i);
                ms[i] = (System.nanoTime() - t0) / 1e6;
                all[r * calls + i] = ms[i];
            }
            System.out.println(line(name, "round " + (r + 1), ms));
        }
        System.out.println(line(name, "all", all));
    }

    static String line(String name, String label, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return String.format("%-20s %-8s n=%-4d median=%8.2f ms  p90=%8.2f  min=%8.2f  max=%8.2f  mean=%8.2f",
                name, label, s.length, pct(s, 50), pct(s, 90), s[0], s[s.length - 1], Arrays.stream(s).average().orElse(0));
    }

    static double pct(double[] sorted, int p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    // ---------------------------------------------------------------- HTTP and JSON without libraries

    static String call(String method, String path, String json, int expect) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(300));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> res = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != expect) {
                throw new IllegalStateException(method + " " + path + " -> " + res.statusCode() + " "
                        + abbreviate(res.body()));
            }
            return res.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + abbreviate(json));
        }
        return m.group(1);
    }

    static String jsonStrings(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "\"" : ",\"").append(values.get(i)).append('"');
        }
        return sb.append(']').toString();
    }

    static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    static String md5(String s) {
        return md5(s.getBytes(StandardCharsets.UTF_8));
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
