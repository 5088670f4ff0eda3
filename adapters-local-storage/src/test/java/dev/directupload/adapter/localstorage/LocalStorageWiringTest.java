package dev.directupload.adapter.localstorage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.adapter.localstorage.signing.AccessKey;
import dev.directupload.adapter.localstorage.signing.GeneratedAccessKeyFile;
import dev.directupload.adapter.localstorage.signing.SigningIdentity;
import dev.directupload.application.port.out.storage.CopyObjectPort;
import dev.directupload.application.port.out.storage.DeleteObjectPort;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.ListObjectsPort;
import dev.directupload.application.port.out.storage.PresignDownloadPort;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import io.micronaut.context.ApplicationContext;
import io.micronaut.web.router.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Selection by {@code storage.provider} (local by default) and the generated access key kept under the root. */
class LocalStorageWiringTest {

    @TempDir
    Path root;

    @Test
    void givenNoProvider_localStoreProvidesEveryStoragePort() {
        try (ApplicationContext context = ApplicationContext.run(
                Map.of("local-storage.root", root.toString(), "local-storage.public-url", "http://files.example"))) {
            assertThat(context.findBean(SignUploadFormPort.class)).isPresent();
            assertThat(context.findBean(InspectObjectPort.class)).isPresent();
            assertThat(context.findBean(PresignDownloadPort.class)).isPresent();
            assertThat(context.findBean(DeleteObjectPort.class)).isPresent();
            assertThat(context.findBean(CopyObjectPort.class)).isPresent();
            assertThat(context.findBean(ListObjectsPort.class)).isPresent();
            assertThat(context.getBean(BucketUrl.class).value())
                    .isEqualTo("http://files.example/local-oss/album-local");
            assertThat(localOssRoutes(context)).isNotEmpty();
        }
    }

    @Test
    void givenAnotherProvider_localStoreIsAbsent() {
        try (ApplicationContext context =
                ApplicationContext.run(Map.of("storage.provider", "oss", "local-storage.root", root.toString()))) {
            assertThat(context.findBean(SignUploadFormPort.class)).isEmpty();
            assertThat(context.findBean(CopyObjectPort.class)).isEmpty();
            assertThat(context.findBean(ListObjectsPort.class)).isEmpty();
            assertThat(localOssRoutes(context)).isEmpty();
        }
    }

    @Test
    void givenNoConfiguredKey_generatesOne_keepsItOwnerOnly_andReusesItAfterRestart() throws Exception {
        AccessKey first = GeneratedAccessKeyFile.loadOrCreate(root);
        AccessKey second = GeneratedAccessKeyFile.loadOrCreate(root);

        Path file = root.resolve(GeneratedAccessKeyFile.FILE_NAME);
        assertThat(first.id()).startsWith("LOCAL").hasSizeGreaterThan(20);
        assertThat(first.secret()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(second).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(root)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void configuredKey_winsOverTheGeneratedFile() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "local-storage.root",
                root.toString(),
                "local-storage.access-key-id",
                "LTAIConfigured",
                "local-storage.access-key-secret",
                "s3cret"))) {
            assertThat(context.getBean(SigningIdentity.class).accessKeyId()).isEqualTo("LTAIConfigured");
            assertThat(root.resolve(GeneratedAccessKeyFile.FILE_NAME)).doesNotExist();
        }
    }

    /** The routes the store's HTTP face serves under {@code /local-oss}. */
    private static List<String> localOssRoutes(ApplicationContext context) {
        return context.getBean(Router.class)
                .uriRoutes()
                .map(route -> route.getUriMatchTemplate().toString())
                .filter(template -> template.startsWith(BucketUrl.PATH))
                .toList();
    }
}
