package dev.directupload.adapter.oss.testing;

import com.aliyun.oss.OSS;
import com.aliyun.oss.common.auth.Credentials;
import com.aliyun.oss.common.auth.CredentialsProvider;
import com.aliyun.oss.common.auth.DefaultCredentials;
import dev.directupload.adapter.oss.OssProperties;
import java.time.Instant;
import java.util.Date;

/**
 * The reference signer: aliyun-sdk-oss {@code calculatePostSignature} (SignVersion.V4) through one network-less SDK
 * client whose credentials provider answers, on the calling thread only, the credentials of the signature in
 * progress (the SDK reads them synchronously from the provider).
 */
public final class SdkPostSignature implements AutoCloseable {

    private final ThreadLocal<Credentials> current = new ThreadLocal<>();
    private final OSS client;

    /** A signer for {@code region} ({@code oss-} prefixed or plain, normalised as the adapter does). */
    public SdkPostSignature(String region) {
        OssProperties properties = new OssProperties(null, region, "reference-bucket", null, "ak", "sk", null);
        this.client = properties.newClient(new CredentialsProvider() {
            @Override
            public void setCredentials(Credentials credentials) {
                throw new UnsupportedOperationException("credentials are set per signature");
            }

            @Override
            public Credentials getCredentials() {
                Credentials credentials = current.get();
                if (credentials == null) {
                    throw new IllegalStateException("no signing credentials outside SdkPostSignature.sign");
                }
                return credentials;
            }
        });
    }

    /** The SDK's lower-case hex V4 signature of the Base64 of {@code policyJson}'s UTF-8 bytes. */
    public String sign(String policyJson, Instant signedAt, String accessKeyId, String secret, String securityToken) {
        current.set(new DefaultCredentials(accessKeyId, secret, securityToken));
        try {
            return client.calculatePostSignature(policyJson, Date.from(signedAt));
        } finally {
            current.remove();
        }
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
