package dev.directupload.adapter.localstorage.signing;

import dev.directupload.adapter.localstorage.error.OssError;
import dev.directupload.domain.storage.ObjectKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** V4 presigned GET and HEAD URLs of the local bucket: signs them, and checks them as OSS does. */
public final class PresignedGet {

    static final long MAX_EXPIRES_SECONDS = 604_800;

    private final String bucket;
    private final SigningIdentity identity;
    private final Clock clock;

    public PresignedGet(String bucket, SigningIdentity identity, Clock clock) {
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A signed URL under {@code baseUrl} (which ends with {@code /local-oss/<bucket>}) and when it expires.
     * As on OSS, the method is signed: a GET URL does not serve a HEAD.
     */
    public SignedUrl sign(String method, String baseUrl, ObjectKey key, Duration ttl) {
        long seconds = ttl.toSeconds();
        if (seconds < 1 || seconds > MAX_EXPIRES_SECONDS) {
            throw new IllegalArgumentException("presigned URL ttl must be 1 s to 7 days, was " + ttl);
        }
        Instant now = clock.instant();
        String dateTime = OssV4Signature.dateTime(now);
        Map<String, String> query = new TreeMap<>();
        query.put("x-oss-credential", identity.credential(dateTime.substring(0, 8)));
        query.put("x-oss-date", dateTime);
        query.put("x-oss-expires", Long.toString(seconds));
        query.put("x-oss-signature-version", OssV4Signature.ALGORITHM);
        String canonicalQuery = canonicalQuery(query);
        String signature = signature(method, key.value(), canonicalQuery, "", "", dateTime);
        String url = baseUrl + "/" + OssV4Signature.encode(key.value(), true) + "?" + canonicalQuery
                + "&x-oss-signature=" + signature;
        return new SignedUrl(url, now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(seconds));
    }

    /** A presigned URL and its expiry. */
    public record SignedUrl(String url, Instant expiresAt) {}

    /**
     * Checks a presigned request.
     *
     * @param method {@code GET} or {@code HEAD}
     * @param key the decoded object key from the path
     * @param query the decoded query parameters
     * @param headers the request's headers by lower-case name (for x-oss-* and additional signed headers)
     * @throws OssRejection the OSS error OSS would answer
     */
    public void verify(String method, String key, Map<String, String> query, Map<String, String> headers) {
        String signature = query.get("x-oss-signature");
        if (signature == null) {
            throw OssError.ACCESS_DENIED.reject("You have no right to access this object because of bucket acl.");
        }
        String version = query.get("x-oss-signature-version");
        if (!OssV4Signature.ALGORITHM.equals(version)) {
            throw OssError.INVALID_ARGUMENT.reject(
                    "Invalid signature version '" + version + "', expected " + OssV4Signature.ALGORITHM + ".");
        }
        String credential = required(query, "x-oss-credential");
        String dateTime = required(query, "x-oss-date");
        long expires = expires(required(query, "x-oss-expires"));
        Instant signedAt = PostFormVerifier.requestTime(dateTime);
        Instant now = clock.instant();
        if (signedAt.isAfter(now.plus(PostFormVerifier.MAX_SKEW))) {
            throw OssError.REQUEST_TIME_TOO_SKEWED.reject("The difference between the request time (" + dateTime
                    + ") and the server's time (" + OssV4Signature.dateTime(now) + ") is too large.");
        }
        String day = dateTime.substring(0, 8);
        identity.checkCredential(credential, day);
        identity.checkSecurityToken(query.get("x-oss-security-token"));
        if (now.isAfter(signedAt.plusSeconds(expires))) {
            throw OssError.ACCESS_DENIED.reject("Request has expired.");
        }

        Set<String> additional = new TreeSet<>();
        String listed = query.get("x-oss-additional-headers");
        if (listed != null && !listed.isEmpty()) {
            Arrays.stream(listed.split(";"))
                    .map(h -> h.trim().toLowerCase(Locale.ROOT))
                    .forEach(additional::add);
        }
        String canonicalHeaders = headers.entrySet().stream()
                .filter(h -> isSigned(h.getKey(), additional))
                .sorted(Map.Entry.comparingByKey())
                .map(h -> h.getKey() + ":" + h.getValue().trim() + "\n")
                .collect(Collectors.joining());
        Map<String, String> signed = new TreeMap<>(query);
        signed.remove("x-oss-signature");
        String expected = signature(
                method, key, canonicalQuery(signed), canonicalHeaders, String.join(";", additional), dateTime);
        if (!OssV4Signature.matches(expected, signature)) {
            throw OssError.SIGNATURE_DOES_NOT_MATCH.reject("The request signature we calculated does not match "
                    + "the signature you provided. Check your key and signing method.");
        }
    }

    private String signature(
            String method,
            String key,
            String canonicalQuery,
            String canonicalHeaders,
            String additionalHeaders,
            String dateTime) {
        String day = dateTime.substring(0, 8);
        String canonical = OssV4Signature.canonicalRequest(
                method, bucket, key, canonicalQuery, canonicalHeaders, additionalHeaders);
        String toSign = OssV4Signature.stringToSign(dateTime, OssV4Signature.scope(day, identity.region()), canonical);
        return OssV4Signature.sign(identity.signingKey(day), toSign);
    }

    /** Sorted {@code k=v} pairs (or {@code k} when empty), both RFC 3986 encoded, joined by '&'. */
    static String canonicalQuery(Map<String, String> params) {
        return params.entrySet().stream()
                .map(p ->
                        Map.entry(OssV4Signature.encode(p.getKey(), false), OssV4Signature.encode(p.getValue(), false)))
                .sorted(Map.Entry.comparingByKey())
                .map(p -> p.getValue().isEmpty() ? p.getKey() : p.getKey() + "=" + p.getValue())
                .collect(Collectors.joining("&"));
    }

    private static boolean isSigned(String header, Set<String> additional) {
        return header.equals("content-type")
                || header.equals("content-md5")
                || header.startsWith("x-oss-")
                || additional.contains(header);
    }

    private static long expires(String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds >= 1 && seconds <= MAX_EXPIRES_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw OssError.INVALID_ARGUMENT.reject(
                "x-oss-expires must be a number of seconds from 1 to " + MAX_EXPIRES_SECONDS + ".");
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            throw OssError.INVALID_ARGUMENT.reject("The query parameter '" + name + "' must be provided.");
        }
        return value;
    }
}
