package dev.directupload.adapter.localstorage.callback;

import dev.directupload.adapter.localstorage.BucketUrl;
import dev.directupload.adapter.localstorage.LocalStorageSelected;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

/**
 * The key the local store signs upload callbacks with, as OSS does with its own: an RSA key pair made at start and
 * kept in memory only, whose public half the store serves as PEM at {@link #publicKeyUrl()}. The service believes a
 * callback in local mode only when it names exactly that URL.
 */
@Singleton
@LocalStorageSelected
public final class CallbackKey {

    /** Where, under the store's root, the public key is served. */
    public static final String PUBLIC_KEY_PATH = "/callback_pub_key_v1.pem";

    private final BucketUrl bucketUrl;
    private final KeyPair keys;
    private final String publicKeyPem;

    CallbackKey(BucketUrl bucketUrl) {
        this.bucketUrl = bucketUrl;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
        this.publicKeyPem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** {@code {public-url}/local-oss/callback_pub_key_v1.pem}: the one key URL the service trusts in local mode. */
    public String publicKeyUrl() {
        return bucketUrl.storeUrl() + PUBLIC_KEY_PATH;
    }

    /** The public key as X.509 PEM. */
    public String publicKeyPem() {
        return publicKeyPem;
    }

    /**
     * The {@code authorization} header OSS sends: Base64 of the MD5withRSA signature over the URL-decoded path,
     * {@code "?" + query} when there is one, a newline and the body.
     *
     * @param rawPath the callback URL's path, percent-encoded as in the URL
     * @param rawQuery the callback URL's raw query, or {@code null}
     */
    public String authorization(String rawPath, String rawQuery, byte[] body) {
        ByteArrayOutputStream signed = new ByteArrayOutputStream(rawPath.length() + body.length + 64);
        String head = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8)
                + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery) + "\n";
        signed.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        signed.writeBytes(body);
        try {
            Signature signer = Signature.getInstance("MD5withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(signed.toByteArray());
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5withRSA signing failed", e);
        }
    }

    /** The {@code x-oss-pub-key-url} header: Base64 of {@link #publicKeyUrl()}. */
    public String publicKeyUrlHeader() {
        return Base64.getEncoder().encodeToString(publicKeyUrl().getBytes(StandardCharsets.UTF_8));
    }
}
