package dev.directupload.adapter.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.directupload.settings.InvalidSettingsException;
import dev.directupload.settings.Problem;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The {@code minio.*} record: defaults on its own, its URL, bucket and region rules as the start checks them. */
class MinioPropertiesTest {

    @Test
    void defaults_regionUsEast1_andPublicUrlIsTheEndpoint() {
        MinioProperties properties = new MinioProperties("http://127.0.0.1:9000/", null, " ", "albums", "ak", "sk");
        assertThat(properties.endpoint()).isEqualTo("http://127.0.0.1:9000");
        assertThat(properties.publicUrl()).isEqualTo("http://127.0.0.1:9000");
        assertThat(properties.region()).isEqualTo("us-east-1");
        assertThat(properties.uploadUrl()).isEqualTo("http://127.0.0.1:9000/albums");
    }

    @Test
    void publicUrl_whenSet_isWhereClientsPost() {
        MinioProperties properties = new MinioProperties(
                "http://minio:9000", "https://upload.example.com/", "eu-west-1", "albums", "ak", "sk");
        assertThat(properties.uploadUrl()).isEqualTo("https://upload.example.com/albums");
        assertThat(properties.region()).isEqualTo("eu-west-1");
    }

    private static List<Problem> problemsAtStart(Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put("storage.provider", "minio");
        Throwable thrown = Assertions.assertThrows(
                RuntimeException.class, () -> ApplicationContext.run(config).close());
        InvalidSettingsException invalid = InvalidSettingsException.findIn(thrown);
        assertThat(invalid).as("%s", thrown).isNotNull();
        return invalid.problems();
    }

    @Test
    void nothingSet_everyMissingSettingIsNamedWithItsEnvironmentVariable() {
        assertThat(problemsAtStart(Map.of()))
                .extracting(Problem::property, Problem::value, Problem::rule, Problem::environmentVariable)
                .containsExactly(
                        tuple("minio.access-key", null, "required with storage.provider=minio", "MINIO_ACCESS_KEY"),
                        tuple("minio.bucket", null, "required with storage.provider=minio", "MINIO_BUCKET"),
                        tuple("minio.endpoint", null, "required with storage.provider=minio", "MINIO_ENDPOINT"),
                        tuple("minio.secret-key", null, "required with storage.provider=minio", "MINIO_SECRET_KEY"));
    }

    @Test
    void urlsWithAPathOrAnotherScheme_badBucketAndRegion_areRefusedTogether() {
        Map<String, Object> config = new HashMap<>();
        config.put("minio.endpoint", "http://h:9000/s3");
        config.put("minio.public-url", "https://cdn/x?y");
        config.put("minio.region", "US East");
        config.put("minio.bucket", "albums..1");
        config.put("minio.access-key", "ak");
        config.put("minio.secret-key", "sk");

        assertThat(problemsAtStart(config))
                .extracting(Problem::property, Problem::rule)
                .containsExactly(
                        tuple(
                                "minio.bucket",
                                "3-63 characters of a-z, 0-9, '.' and '-', starting and ending with a letter or digit"),
                        tuple("minio.endpoint", "http(s)://host[:port], no path"),
                        tuple("minio.public-url", "http(s)://host[:port], no path"),
                        tuple("minio.region", "a region id such as us-east-1"));
        config.put("minio.endpoint", "ftp://h");
        assertThat(problemsAtStart(config)).extracting(Problem::property).contains("minio.endpoint");
    }

    @Test
    void toString_hidesTheSecret() {
        assertThat(new MinioProperties("http://h", null, null, "albums", "ak", "s3cr3t-value").toString())
                .contains("accessKey=ak")
                .doesNotContain("s3cr3t-value");
    }
}
