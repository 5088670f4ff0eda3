package dev.directupload.adapter.persistence;

import dev.directupload.domain.storage.ObjectKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of an object key, hex: the indexed stand-in for keys of up to 1023 UTF-8 bytes, which are too long
 * for a MySQL/MariaDB index. Lookups compare both the digest and the key itself.
 */
public final class KeyDigest {

    private KeyDigest() {}

    public static String of(ObjectKey key) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(key.value().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
