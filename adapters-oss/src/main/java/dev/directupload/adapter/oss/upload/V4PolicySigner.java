package dev.directupload.adapter.oss.upload;

import dev.directupload.adapter.oss.OssProperties;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs POST policies with OSS V4: the signing key of (credentials, UTC day, region, {@code oss}) is derived once
 * (four HMAC-SHA256, {@link SigningKeys}) and each policy costs one more HMAC-SHA256 over its Base64 bytes. The
 * output equals aliyun-sdk-oss {@code calculatePostSignature} (SignVersion.V4, plain region): a test compares the
 * two on random policies, credentials and dates, and the shared known-answer vectors pin both.
 */
@Singleton
@Requires(property = "storage.provider", value = "oss")
class V4PolicySigner {

    static final String HMAC = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final SigningKeys keys;
    private final ThreadLocal<KeyedMac> macs = ThreadLocal.withInitial(() -> new KeyedMac(newMac()));

    @Inject
    V4PolicySigner(OssProperties properties) {
        // One key per cached credential set, two while a UTC day turns.
        this(new SigningKeys(properties.region(), 2 * properties.sts().cacheSize()));
    }

    V4PolicySigner(SigningKeys keys) {
        this.keys = keys;
    }

    /**
     * Lower-case hex V4 signature of {@code policyBase64} (the ASCII bytes of the Base64 policy, as posted in the
     * {@code policy} field), dated {@code signedAt}.
     */
    String sign(byte[] policyBase64, Instant signedAt, TemporaryCredentials credentials) {
        SecretKeySpec key = keys.keyFor(credentials, signedAt);
        return HEX.formatHex(macs.get().keyedWith(key).doFinal(policyBase64));
    }

    static Mac newMac() {
        try {
            return Mac.getInstance(HMAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    /**
     * A thread's {@link Mac} and the signing key it was last given: a Mac keeps its key after {@code doFinal}, so
     * the next policy signed with the same key (the same {@link SigningKeys} entry) skips {@code init}, which hashes
     * the key's inner and outer pads again.
     */
    private static final class KeyedMac {
        private final Mac mac;
        private SecretKeySpec key;

        KeyedMac(Mac mac) {
            this.mac = mac;
        }

        Mac keyedWith(SecretKeySpec wanted) {
            if (wanted != key) {
                try {
                    mac.init(wanted);
                } catch (InvalidKeyException e) {
                    throw new IllegalStateException("HmacSHA256 refused a 32-byte key", e);
                }
                key = wanted;
            }
            return mac;
        }
    }
}
