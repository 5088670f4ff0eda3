package dev.directupload.adapter.oss.upload;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * V4 signing keys, {@code HMAC(HMAC(HMAC(HMAC("aliyun_v4" + secret, yyyymmdd), region), "oss"), "aliyun_v4_request")},
 * derived once per (access key, secret, UTC day) for one region and kept in a bounded map: at most {@code capacity}
 * keys, an arbitrary one dropped for each key added beyond (it is derived again if needed: four HMACs).
 */
final class SigningKeys {

    private static final long SECONDS_PER_DAY = 86_400;
    private static final byte[] PRODUCT = "oss".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TERMINATOR = "aliyun_v4_request".getBytes(StandardCharsets.US_ASCII);

    private final byte[] region;
    private final int capacity;
    private final ConcurrentMap<Scope, SecretKeySpec> keys = new ConcurrentHashMap<>();
    /** The key last handed out, found again without a map lookup when the same credentials sign on the same day. */
    private volatile Recent recent;

    /** @param region the plain region id of the credential scope, e.g. {@code cn-hangzhou} */
    SigningKeys(String region, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.region = region.getBytes(StandardCharsets.UTF_8);
        this.capacity = capacity;
    }

    /** The signing key of {@code credentials} for the UTC day of {@code signedAt}. */
    SecretKeySpec keyFor(TemporaryCredentials credentials, Instant signedAt) {
        long day = Math.floorDiv(signedAt.getEpochSecond(), SECONDS_PER_DAY);
        Recent last = recent;
        if (last != null && last.credentials() == credentials && last.day() == day) {
            return last.key();
        }
        Scope scope = new Scope(credentials.accessKeyId(), credentials.accessKeySecret(), day);
        SecretKeySpec key = keys.get(scope);
        if (key == null) {
            key = derive(scope);
            SecretKeySpec raced = keys.putIfAbsent(scope, key);
            if (raced == null) {
                evictBeyondCapacity(scope);
            } else {
                key = raced;
            }
        }
        recent = new Recent(credentials, day, key);
        return key;
    }

    /** How many keys are held now. */
    int size() {
        return keys.size();
    }

    private void evictBeyondCapacity(Scope keep) {
        Iterator<Scope> scopes = keys.keySet().iterator();
        while (keys.size() > capacity && scopes.hasNext()) {
            if (!scopes.next().equals(keep)) {
                scopes.remove();
            }
        }
    }

    private SecretKeySpec derive(Scope scope) {
        Mac mac = V4PolicySigner.newMac();
        byte[] k = hmac(mac, ("aliyun_v4" + scope.secret()).getBytes(StandardCharsets.UTF_8), yyyymmdd(scope.day()));
        k = hmac(mac, k, region);
        k = hmac(mac, k, PRODUCT);
        k = hmac(mac, k, TERMINATOR);
        return new SecretKeySpec(k, V4PolicySigner.HMAC);
    }

    private static byte[] hmac(Mac mac, byte[] key, byte[] data) {
        try {
            mac.init(new SecretKeySpec(key, V4PolicySigner.HMAC));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 refused a key", e);
        }
        return mac.doFinal(data);
    }

    private static byte[] yyyymmdd(long epochDay) {
        LocalDate day = LocalDate.ofEpochDay(epochDay);
        return String.format(Locale.ROOT, "%04d%02d%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth())
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The last key handed out and what it was for: these very credentials (the issuer's cached instance), this day. */
    private record Recent(TemporaryCredentials credentials, long day, SecretKeySpec key) {
        @Override
        public String toString() {
            return "Recent[" + credentials + ", day=" + day + "]";
        }
    }

    /** A key's identity; its text never shows the secret. */
    private record Scope(String accessKeyId, String secret, long day) {
        @Override
        public String toString() {
            return "Scope[accessKeyId=" + accessKeyId + ", secret=***, day=" + day + "]";
        }
    }
}
