package dev.directupload.adapter.oss.upload;

import com.aliyun.oss.OSS;
import com.aliyun.oss.common.auth.Credentials;
import com.aliyun.oss.common.auth.CredentialsProvider;
import com.aliyun.oss.common.auth.DefaultCredentials;
import dev.directupload.adapter.oss.OssProperties;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Date;

/**
 * Signs POST policies with aliyun-sdk-oss {@code calculatePostSignature} (SignVersion.V4, plain region) through one
 * network-less SDK client. The client's credentials provider answers, on the calling thread only, the credentials
 * of the signature in progress: in SDK 3.18.5 {@code calculatePostSignature} reads them synchronously from the
 * provider, so one client serves every scope's STS credentials without a client per credential set.
 */
@Singleton
@Requires(property = "storage.provider", value = "oss")
class V4PolicySigner implements AutoCloseable {

    private final CallerCredentials callerCredentials = new CallerCredentials();
    private final OSS client;

    V4PolicySigner(OssProperties properties) {
        this.client = properties.newClient(callerCredentials);
    }

    /** Lower-case hex V4 signature of the Base64 of {@code policyJson}'s UTF-8 bytes, dated {@code signedAt}. */
    String sign(String policyJson, Instant signedAt, TemporaryCredentials credentials) {
        callerCredentials.current.set(new DefaultCredentials(
                credentials.accessKeyId(),
                credentials.accessKeySecret(),
                credentials.securityToken().orElse(null)));
        try {
            return client.calculatePostSignature(policyJson, Date.from(signedAt));
        } finally {
            callerCredentials.current.remove();
        }
    }

    @Override
    @PreDestroy
    public void close() {
        client.shutdown();
    }

    /** The credentials of the signature running on the current thread; none outside a signature. */
    private static final class CallerCredentials implements CredentialsProvider {

        private final ThreadLocal<Credentials> current = new ThreadLocal<>();

        @Override
        public void setCredentials(Credentials credentials) {
            throw new UnsupportedOperationException("credentials are set per signature");
        }

        @Override
        public Credentials getCredentials() {
            Credentials credentials = current.get();
            if (credentials == null) {
                throw new IllegalStateException("no signing credentials outside V4PolicySigner.sign");
            }
            return credentials;
        }
    }
}
