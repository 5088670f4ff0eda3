package dev.directupload.bootstrap.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every acknowledged write survives a SIGKILL, on the embedded defaults (H2 with the default URL, the local
 * store): runs {@code bench/crash/Crash.java} once against the application main class in a child JVM (60 clients
 * uploading, killed mid-batch, restarted on the same data) and checks its counts.
 */
class CrashRecoveryTest {

    private static final Path CRASH = Path.of("..", "bench", "crash", "Crash.java");

    @Test
    void killedMidBatch_losesNoAcknowledgedWrite_andLeavesNothingHalfMade() throws Exception {
        assertThat(CRASH).as("the crash program, run from the bootstrap module").exists();
        String classpath = serviceClasspath();
        Path output = Files.createTempFile("crash-test-", ".log");
        try {
            Process crash = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            classpath,
                            CRASH.toString(),
                            "--classpath",
                            classpath,
                            "--main",
                            "dev.directupload.bootstrap.Application",
                            "--port",
                            Integer.toString(freePort()),
                            "--runs",
                            "1")
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            boolean finished = crash.waitFor(6, TimeUnit.MINUTES);
            if (!finished) {
                crash.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(finished).as("crash program finished; output:%n%s", log).isTrue();

            Map<String, Long> counts = runLine(log);
            assertThat(counts.get("acked_in_storm"))
                    .as("completes acknowledged before the kill; output:%n%s", log)
                    .isPositive();
            assertThat(counts.get("retried") + counts.get("sweeper_completed") + counts.get("slots_expired"))
                    .as("the kill left uploads in flight")
                    .isPositive();
            assertThat(counts)
                    .as("output:%n%s", log)
                    .containsEntry("acked_missing", 0L)
                    .containsEntry("bad_bytes", 0L)
                    .containsEntry("lost_families", 0L)
                    .containsEntry("lost_albums", 0L)
                    .containsEntry("lost_members", 0L)
                    .containsEntry("resurrected", 0L)
                    .containsEntry("retry_failed", 0L)
                    .containsEntry("pending_slots", 0L)
                    .containsEntry("orphan_objects", 0L)
                    .containsEntry("missing_objects", 0L)
                    .containsEntry("deleted_left", 0L)
                    .containsEntry("orphan_data_files", 0L)
                    .containsEntry("client_errors", 0L);
            assertThat(crash.exitValue()).as("exit status; output:%n%s", log).isZero();
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The RUN line's numeric counts. */
    private static Map<String, Long> runLine(String log) {
        String line = log.lines()
                .filter(l -> l.startsWith("RUN "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no RUN line in:\n" + log));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String pair : line.substring(4).split(" ")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && kv[1].matches("\\d+")) {
                counts.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        counts.putIfAbsent("slots_expired", 0L);
        return counts;
    }

    /** The module's runtime classpath without test classes (the child is the application, not a test). */
    private static String serviceClasspath() {
        String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = Arrays.stream(full.split(File.pathSeparator))
                .filter(e -> !e.isBlank() && !e.endsWith("test-classes") && !e.contains("surefire"))
                .toList();
        return entries.stream().collect(Collectors.joining(File.pathSeparator));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
