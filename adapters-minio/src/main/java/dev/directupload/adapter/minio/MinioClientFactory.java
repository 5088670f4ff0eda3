package dev.directupload.adapter.minio;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.minio.MinioClient;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** Builds the io.minio clients from {@code minio.*} and closes them on shutdown; building makes no network call. */
@Factory
@Requires(property = "storage.provider", value = "minio")
class MinioClientFactory {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    @Singleton
    @Bean(preDestroy = "close")
    MinioClients minioClients(MinioProperties properties) {
        MinioClient service = newClient(properties.endpoint(), properties);
        MinioClient publicSigner = properties.publicUrl().equals(properties.endpoint())
                ? service
                : newClient(properties.publicUrl(), properties);
        return new MinioClients(service, publicSigner);
    }

    @Singleton
    @Requires(missingBeans = Clock.class)
    Clock minioClock() {
        return Clock.systemUTC();
    }

    static MinioClient newClient(String url, MinioProperties properties) {
        MinioClient client = MinioClient.builder()
                .endpoint(url)
                .region(properties.region())
                .credentials(properties.accessKey(), properties.secretKey())
                .build();
        client.setTimeout(CONNECT_TIMEOUT.toMillis(), WRITE_TIMEOUT.toMillis(), READ_TIMEOUT.toMillis());
        return client;
    }
}
