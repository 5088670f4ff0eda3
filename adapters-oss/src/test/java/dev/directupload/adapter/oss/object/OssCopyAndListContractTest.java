package dev.directupload.adapter.oss.object;

import com.aliyun.oss.OSS;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import dev.directupload.adapter.oss.OssProperties;
import dev.directupload.adapter.oss.testing.FakeOss;
import dev.directupload.application.contract.storage.CopyAndListContract;
import dev.directupload.application.port.out.storage.CopyObjectPort;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.ListObjectsPort;
import dev.directupload.domain.storage.ObjectKey;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/** The OSS copy and listing adapters under the shared contract, on the OSS stand-in: whole-object and part copies. */
class OssCopyAndListContractTest {

    private static final String BUCKET = "album-bucket";

    abstract static class OnFakeOss extends CopyAndListContract {

        FakeOss oss;
        OSS client;
        OssProperties properties;

        @BeforeEach
        void start() throws Exception {
            oss = new FakeOss(BUCKET);
            properties = new OssProperties(
                    oss.endpoint(), "cn-hangzhou", BUCKET, null, "service-ak", "service-secret", null);
            client = properties.newClient(new DefaultCredentialProvider("service-ak", "service-secret"));
        }

        @AfterEach
        void stop() {
            client.shutdown();
            oss.close();
        }

        @Override
        protected ListObjectsPort listings() {
            return new OssListObjectsAdapter(client, properties);
        }

        @Override
        protected InspectObjectPort inspector() {
            return new OssObjectStoreAdapter(client, properties, Clock.systemUTC());
        }

        @Override
        protected void store(ObjectKey key, byte[] content, String contentType) {
            oss.put(key.value(), FakeOss.StoredObject.uploaded(content, contentType));
        }

        @Override
        protected byte[] read(ObjectKey key) {
            return oss.get(key.value()).content();
        }
    }

    /** Objects under the threshold: one CopyObject each. */
    @Nested
    class WholeObjectCopies extends OnFakeOss {
        @Override
        protected CopyObjectPort copies() {
            return new OssCopyObjectAdapter(client, properties);
        }
    }

    /** A threshold of one byte: every copy goes in 16 KiB parts, as objects of 1 GB and more do. */
    @Nested
    class PartCopies extends OnFakeOss {
        @Override
        protected CopyObjectPort copies() {
            return new OssCopyObjectAdapter(client, BUCKET, 1, 16 * 1024);
        }
    }
}
