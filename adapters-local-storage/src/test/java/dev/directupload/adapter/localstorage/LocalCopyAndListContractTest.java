package dev.directupload.adapter.localstorage;

import dev.directupload.adapter.localstorage.disk.ObjectDirectory;
import dev.directupload.adapter.localstorage.signing.AccessKey;
import dev.directupload.adapter.localstorage.signing.PresignedGet;
import dev.directupload.adapter.localstorage.signing.SigningIdentity;
import dev.directupload.application.contract.storage.CopyAndListContract;
import dev.directupload.application.port.out.storage.CopyObjectPort;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.ListObjectsPort;
import dev.directupload.domain.storage.ObjectKey;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The local store's copy and listing under the shared contract, over a bucket directory of its own. */
class LocalCopyAndListContractTest extends CopyAndListContract {

    @TempDir
    Path root;

    private ObjectDirectory objects;
    private LocalObjectStoreAdapter adapter;

    @BeforeEach
    void open() {
        LocalStorageProperties properties = new LocalStorageProperties(
                root, "album-local", "cn-hangzhou", null, null, "http://files.example", 64, 0);
        objects = new ObjectDirectory(root, "album-local");
        PresignedGet presigned = new PresignedGet(
                "album-local",
                new SigningIdentity(AccessKey.of("LTAIlocal", "local-secret"), "cn-hangzhou"),
                Clock.systemUTC());
        adapter = new LocalObjectStoreAdapter(objects, presigned, new BucketUrl(properties, () -> {
            throw new AssertionError("the public URL is configured; no server is asked");
        }));
    }

    @Override
    protected CopyObjectPort copies() {
        return adapter;
    }

    @Override
    protected ListObjectsPort listings() {
        return adapter;
    }

    @Override
    protected InspectObjectPort inspector() {
        return adapter;
    }

    @Override
    protected void store(ObjectKey key, byte[] content, String contentType) throws Exception {
        ObjectDirectory.Received received = objects.receive(new ByteArrayInputStream(content), Long.MAX_VALUE);
        objects.commit(key, received, contentType);
    }

    @Override
    protected byte[] read(ObjectKey key) throws Exception {
        return Files.readAllBytes(objects.find(key).orElseThrow().data());
    }
}
