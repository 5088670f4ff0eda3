package dev.directupload.bootstrap.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.directupload.settings.InvalidSettingsException;
import dev.directupload.settings.Problem;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per rule of the README's configuration table: the application started with that one bad value refuses to
 * start with exactly one problem, naming the setting, its value (never a secret's) and the rule, and nothing listens
 * on the port it was given.
 */
class SettingsRulesTest {

    private static final String SECRET = "a-test-secret-of-at-least-32-characters!!";

    /** The embedded defaults (application.yml, application-test.yml). */
    private static Map<String, Object> local() {
        return new HashMap<>();
    }

    /** The defaults with a token key: a store other than the local one needs it. */
    private static Map<String, Object> localWithSecret() {
        Map<String, Object> config = local();
        config.put("auth.jwt.secret", SECRET);
        return config;
    }

    private static Map<String, Object> oss() {
        Map<String, Object> config = new HashMap<>();
        config.put("storage.provider", "oss");
        config.put("oss.region", "cn-hangzhou");
        config.put("oss.bucket", "test-bucket");
        config.put("oss.access-key-id", "LTAI-test");
        config.put("oss.access-key-secret", "test-secret-not-real");
        config.put("auth.jwt.secret", SECRET);
        return config;
    }

    private static Map<String, Object> minio() {
        Map<String, Object> config = new HashMap<>();
        config.put("storage.provider", "minio");
        config.put("minio.endpoint", "http://127.0.0.1:9");
        config.put("minio.bucket", "albums");
        config.put("minio.access-key", "test-access");
        config.put("minio.secret-key", "test-secret");
        config.put("auth.jwt.secret", SECRET);
        return config;
    }

    /** base, the property set to a bad value (null: removed), the problem's property, its rule. */
    private static Arguments row(Map<String, Object> base, String property, String value, String rule) {
        return row(base, property, value, property, rule);
    }

    private static Arguments row(
            Map<String, Object> base, String property, String value, String reported, String rule) {
        return Arguments.of(base, property, value, reported, rule);
    }

    static Stream<Arguments> rules() {
        String ossRequired = "required with storage.provider=oss";
        String minioRequired = "required with storage.provider=minio";
        String ossBucket = "3-63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit";
        String url = "an http(s) URL such as https://host[:port][/path]";
        String baseUrl = "http(s)://host[:port], no path";
        return Stream.of(
                row(local(), "micronaut.server.port", "70000", "from -1 to 65535"),
                row(local(), "micronaut.server.port", "http", "a whole number"),
                row(localWithSecret(), "storage.provider", "s3", "one of local, oss, minio"),
                row(localWithSecret(), "storage.provider", "OSS", "one of local, oss, minio"),
                row(local(), "local-storage.root", " ", "required"),
                row(local(), "local-storage.bucket", "Album_Local", ossBucket),
                row(
                        local(),
                        "local-storage.region",
                        "oss-cn-hangzhou",
                        "a plain region id such as cn-hangzhou (no 'oss-' prefix)"),
                row(
                        local(),
                        "local-storage.access-key-id",
                        "LTAI-local",
                        "local-storage.access-key-secret",
                        "set together with local-storage.access-key-id, or neither"),
                row(
                        local(),
                        "local-storage.access-key-secret",
                        "s3cr3t-value-local",
                        "local-storage.access-key-id",
                        "set together with local-storage.access-key-secret, or neither"),
                row(local(), "local-storage.public-url", "localhost:8080", url),
                row(local(), "local-storage.max-concurrent-uploads", "0", "greater than 0"),
                row(local(), "local-storage.min-free-bytes", "-1", "at least 0"),
                row(
                        local(),
                        "local-storage.min-free-bytes",
                        "lots",
                        "a size in bytes, or with KB, MB or GB (e.g. 1GB)"),
                row(
                        local(),
                        "datasources.default.url",
                        "jdbc:sqlite:album.db",
                        "a jdbc:h2:, jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql: URL, or set datasources.default.dialect"),
                row(local(), "datasources.default.url", "", "required"),
                row(local(), "datasources.default.dialect", "ORACLE", "H2, POSTGRES or MYSQL"),
                row(local(), "upload.max-image-bytes", "-5", "greater than 0"),
                row(local(), "upload.max-image-bytes", "50MB", "a whole number"),
                row(local(), "upload.max-video-bytes", "0", "greater than 0"),
                row(
                        local(),
                        "upload.allowed-types",
                        "image/jpeg,image/bmp",
                        "known MIME types only (not image/bmp): image/jpeg, image/png, image/gif, image/webp,"
                                + " image/heic, image/heif, video/mp4, video/quicktime"),
                row(local(), "upload.allowed-types", ",", "at least one MIME type"),
                row(local(), "upload.policy-ttl", "1h", "longer than 0 and at most 15m"),
                row(local(), "upload.policy-ttl", "0s", "longer than 0 and at most 15m"),
                row(local(), "upload.policy-ttl", "ten minutes", "a duration such as 90s, 10m, 2h or 7d"),
                row(local(), "upload.download-url-ttl", "5m", "from 10m to 7d"),
                row(local(), "upload.download-url-ttl", "8d", "from 10m to 7d"),
                row(local(), "upload.sweep-interval", "0s", "longer than 0"),
                row(local(), "upload.sweep-enabled", "maybe", "true or false"),
                row(local(), "upload.quota.family-bytes", "0", "greater than 0"),
                row(local(), "upload.quota.family-files", "-1", "greater than 0"),
                row(local(), "upload.max-pending-per-user", "0", "greater than 0"),
                row(local(), "upload.incoming-ttl", "10m", "longer than upload.policy-ttl"),
                row(local(), "upload.slot-retention", "0s", "longer than 0"),
                row(local(), "upload.sweep-grace", "-1s", "at least 0s"),
                row(local(), "upload.rate-limit.capacity", "0", "greater than 0"),
                row(local(), "upload.rate-limit.per-minute", "-60", "greater than 0"),
                row(local(), "api.max-body-size", "0", "greater than 0"),
                row(
                        local(),
                        "wechat.app-id",
                        "wx123",
                        "wechat.app-secret",
                        "set together with wechat.app-id, or neither"),
                row(
                        local(),
                        "wechat.app-secret",
                        "wx-s3cr3t-value",
                        "wechat.app-id",
                        "set together with wechat.app-secret, or neither"),
                row(local(), "wechat.api-base-url", "api.weixin.qq.com", url),
                row(local(), "wechat.timeout", "0s", "longer than 0 and at most 1m"),
                row(local(), "wechat.timeout", "2m", "longer than 0 and at most 1m"),
                row(local(), "auth.jwt.secret", "too-short", "at least 32 characters"),
                row(local(), "auth.jwt.ttl", "0s", "longer than 0 and at most 365d"),
                row(local(), "auth.dev-login.enabled", "maybe", "true or false"),
                row(
                        oss(),
                        "auth.jwt.secret",
                        null,
                        "required unless storage.provider=local (now oss), at least 32 characters"),
                row(oss(), "auth.dev-login.enabled", "true", "true only with storage.provider=local (now oss)"),
                row(oss(), "oss.region", null, ossRequired),
                row(oss(), "oss.region", "hangzhou", "a region id such as cn-hangzhou (oss-cn-hangzhou is accepted)"),
                row(oss(), "oss.bucket", null, ossRequired),
                row(oss(), "oss.bucket", "Test_Bucket", ossBucket),
                row(oss(), "oss.access-key-id", null, ossRequired),
                row(oss(), "oss.access-key-secret", " ", ossRequired),
                row(oss(), "oss.endpoint", "oss-cn-hangzhou.aliyuncs.com", url),
                row(oss(), "oss.public-url", "ftp://upload.example.com", url),
                row(
                        oss(),
                        "oss.sts.role-arn",
                        "uploader",
                        "a RAM role ARN such as acs:ram::1234567890123456:role/uploader"),
                row(oss(), "oss.sts.endpoint", "sts.cn-hangzhou.aliyuncs.com", url),
                row(oss(), "oss.sts.duration", "899s", "from 900s to 12h"),
                row(oss(), "oss.sts.duration", "13h", "from 900s to 12h"),
                row(oss(), "oss.sts.cache-size", "0", "greater than 0"),
                row(minio(), "minio.endpoint", null, minioRequired),
                row(minio(), "minio.endpoint", "http://127.0.0.1:9/s3", baseUrl),
                row(minio(), "minio.public-url", "https://cdn.example.com/albums", baseUrl),
                row(minio(), "minio.region", "US East", "a region id such as us-east-1"),
                row(minio(), "minio.bucket", null, minioRequired),
                row(
                        minio(),
                        "minio.bucket",
                        "albums..2",
                        "3-63 characters of a-z, 0-9, '.' and '-', starting and ending with a letter or digit"),
                row(minio(), "minio.access-key", null, minioRequired),
                row(minio(), "minio.secret-key", null, minioRequired));
    }

    @ParameterizedTest(name = "{1} = {2}")
    @MethodSource("rules")
    void badValue_refusesTheStart_namingTheSetting_andNothingListens(
            Map<String, Object> base, String property, String value, String reported, String rule) throws IOException {
        Map<String, Object> config = new HashMap<>(base);
        if (value == null) {
            config.remove(property);
        } else {
            config.put(property, value);
        }
        int port = freePort();
        config.putIfAbsent("micronaut.server.port", port);

        Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(
                RuntimeException.class,
                () -> ApplicationContext.run(EmbeddedServer.class, config).close());

        InvalidSettingsException invalid = InvalidSettingsException.findIn(thrown);
        assertThat(invalid).as("refused by the settings check: %s", thrown).isNotNull();
        assertThat(invalid.problems())
                .extracting(Problem::property, Problem::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(reported, rule));
        assertThat(invalid.getMessage())
                .contains("\n  " + reported)
                .contains("environment variable " + Problem.environmentVariable(reported));
        if (value != null && reported.equals(property) && !value.isBlank() && !property.contains("secret")) {
            assertThat(invalid.problems().get(0).value()).isEqualTo(value);
        }
        if (property.contains("secret") && value != null && !value.isBlank()) {
            assertThat(invalid.getMessage()).doesNotContain(value);
        }
        assertNothingListensOn(port);
    }

    static void assertNothingListensOn(int port) {
        assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                    }
                })
                .as("nothing listens on port %d", port)
                .isInstanceOf(ConnectException.class);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
