package dev.directupload.bootstrap.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The four mistakes of issue 15, made as a user makes them (environment variables) on the application's main class
 * in a child JVM: each ends the start with exit status 1 and one readable block on standard error listing every
 * problem, no stack trace, and nothing listening.
 */
class InvalidSettingsExitTest {

    static List<Arguments> mistakes() {
        return List.of(
                Arguments.of(
                        Map.of("STORAGE_PROVIDER", "s3"), List.of("auth.jwt.secret: missing", "storage.provider = s3")),
                Arguments.of(Map.of("UPLOAD_POLICY_TTL", "1h"), List.of("upload.policy-ttl = 1h")),
                Arguments.of(
                        Map.of("UPLOAD_MAX_IMAGE_BYTES", "-5", "UPLOAD_ALLOWED_TYPES", "image/bmp"),
                        List.of("upload.allowed-types = image/bmp", "upload.max-image-bytes = -5")),
                Arguments.of(
                        Map.of("STORAGE_PROVIDER", "oss"),
                        List.of(
                                "auth.jwt.secret: missing",
                                "oss.access-key-id: missing",
                                "oss.access-key-secret: missing",
                                "oss.bucket: missing",
                                "oss.region: missing")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void mistake_exitsWithStatus1_andOneBlockListingEveryProblem(
            Map<String, String> environment, List<String> problems, @TempDir Path workDir) throws Exception {
        int port = SettingsRulesTest.freePort();
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        serviceClasspath(),
                        "-Dmicronaut.server.port=" + port,
                        "dev.directupload.bootstrap.Application")
                .directory(workDir.toFile())
                .redirectOutput(workDir.resolve("stdout").toFile())
                .redirectError(workDir.resolve("stderr").toFile());
        builder.environment()
                .keySet()
                .removeIf(name -> name.startsWith("STORAGE_")
                        || name.startsWith("UPLOAD_")
                        || name.startsWith("OSS_")
                        || name.startsWith("AUTH_")
                        || name.startsWith("MINIO_"));
        builder.environment().putAll(environment);

        Process service = builder.start();
        boolean exited = service.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String stdout = Files.readString(workDir.resolve("stdout"), StandardCharsets.UTF_8);
        String stderr = Files.readString(workDir.resolve("stderr"), StandardCharsets.UTF_8);
        String output = "stdout:\n" + stdout + "\nstderr:\n" + stderr;

        assertThat(exited).as("the start was refused; %s", output).isTrue();
        assertThat(service.exitValue()).as(output).isEqualTo(1);
        assertThat(stderr)
                .as(output)
                .startsWith("Invalid configuration, the service did not start. Fix ")
                .contains(problems.size() == 1 ? "this setting:" : "these " + problems.size() + " settings:");
        for (String problem : problems) {
            assertThat(stderr).as(output).contains("\n  " + problem + "\n      rule: ");
        }
        assertThat(stderr.lines().filter(l -> l.startsWith("  ") && !l.startsWith("    ")))
                .as("exactly these problems; %s", output)
                .hasSize(problems.size());
        assertThat(output).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        SettingsRulesTest.assertNothingListensOn(port);
    }

    /** The module's runtime classpath without test classes (the child is the application, not a test). */
    private static String serviceClasspath() {
        String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(full.split(File.pathSeparator))
                .filter(e -> !e.isBlank() && !e.endsWith("test-classes") && !e.contains("surefire"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
