package dev.directupload.adapter.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The {@code minio.*} record on its own: defaults, URL and bucket rules, a secret that never prints. */
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

    @Test
    void missingSetting_isNamedWithItsEnvironmentVariable() {
        assertThatThrownBy(() -> new MinioProperties(null, null, null, "albums", "ak", "sk"))
                .hasMessageContaining("Missing required setting minio.endpoint")
                .hasMessageContaining("MINIO_ENDPOINT");
        assertThatThrownBy(() -> new MinioProperties("http://h:9000", null, null, "albums", "ak", ""))
                .hasMessageContaining("Missing required setting minio.secret-key")
                .hasMessageContaining("MINIO_SECRET_KEY");
    }

    @Test
    void urlsWithAPathOrAnotherScheme_areRefused() {
        assertThatThrownBy(() -> new MinioProperties("http://h:9000/s3", null, null, "albums", "ak", "sk"))
                .hasMessageContaining("minio.endpoint must be scheme://host[:port] without a path");
        assertThatThrownBy(() -> new MinioProperties("ftp://h", null, null, "albums", "ak", "sk"))
                .hasMessageContaining("minio.endpoint must be an http(s) URL");
        assertThatThrownBy(() -> new MinioProperties("http://h", "https://cdn/x?y", null, "albums", "ak", "sk"))
                .hasMessageContaining("minio.public-url must be scheme://host[:port] without a path");
    }

    @Test
    void invalidBucketOrRegion_isRefused() {
        assertThatThrownBy(() -> new MinioProperties("http://h", null, null, "Albums_1", "ak", "sk"))
                .hasMessageContaining("minio.bucket must be");
        assertThatThrownBy(() -> new MinioProperties("http://h", null, "US East", "albums", "ak", "sk"))
                .hasMessageContaining("minio.region must look like us-east-1");
    }

    @Test
    void toString_hidesTheSecret() {
        assertThat(new MinioProperties("http://h", null, null, "albums", "ak", "s3cr3t-value").toString())
                .contains("accessKey=ak")
                .doesNotContain("s3cr3t-value");
    }
}
