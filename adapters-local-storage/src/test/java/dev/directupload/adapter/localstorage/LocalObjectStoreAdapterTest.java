package dev.directupload.adapter.localstorage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.directupload.adapter.localstorage.disk.ObjectDirectory;
import dev.directupload.adapter.localstorage.signing.AccessKey;
import dev.directupload.adapter.localstorage.signing.PresignedGet;
import dev.directupload.adapter.localstorage.signing.SigningIdentity;
import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.domain.storage.ObjectKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage ports over a failing disk: 503-kind failures that name the local store only, never a path or I/O text. */
class LocalObjectStoreAdapterTest {

    private static final ObjectKey KEY = new ObjectKey("families/f1/objects/ab/abc.jpg");
    private static final ObjectKey TARGET = new ObjectKey("families/f1/objects/cd/cde.jpg");

    @TempDir
    Path root;

    private LocalObjectStoreAdapter adapter;

    @BeforeEach
    void brokenObject() throws IOException {
        LocalStorageProperties properties = new LocalStorageProperties(
                root, "album-local", "cn-hangzhou", null, null, "http://files.example", 64, 0);
        ObjectDirectory objects = new ObjectDirectory(root, "album-local");
        ObjectDirectory.Received received = objects.receive(new ByteArrayInputStream(new byte[] {1, 2, 3}), 10);
        objects.commit(KEY, received, "image/jpeg");
        adapter = new LocalObjectStoreAdapter(
                objects,
                new PresignedGet(
                        "album-local",
                        new SigningIdentity(AccessKey.of("LTAIlocal", "local-secret"), "cn-hangzhou"),
                        Clock.systemUTC()),
                new BucketUrl(properties, () -> {
                    throw new AssertionError("the public URL is configured; no server is asked");
                }));
        // the object's metadata becomes unreadable and undeletable: a directory, not empty, where the file was
        try (Stream<Path> walk = Files.walk(root.resolve("album-local"))) {
            Path meta = walk.filter(p -> p.getFileName().toString().equals("meta"))
                    .findFirst()
                    .orElseThrow();
            Files.delete(meta);
            Files.createDirectory(meta);
            Files.writeString(meta.resolve("debris"), "x");
        }
    }

    @Test
    void inspectCopyAndDelete_onAFailingDisk_areStorageUnavailable_namingTheLocalStoreOnly() {
        for (Runnable call :
                new Runnable[] {() -> adapter.inspect(KEY), () -> adapter.copy(KEY, TARGET), () -> adapter.delete(KEY)
                }) {
            assertThatThrownBy(call::run)
                    .isInstanceOfSatisfying(
                            DependencyUnavailableException.class,
                            e -> assertThat(e.code().wireName()).isEqualTo("storage_unavailable"))
                    .hasMessage("the local store is unavailable");
        }
    }
}
