package dev.directupload.adapter.localstorage.signing;

import dev.directupload.adapter.localstorage.callback.CallbackConfiguration;
import dev.directupload.adapter.localstorage.error.OssError;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.shared.InvalidValueException;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a V4 PostObject form as OSS does, before any file byte is stored: signature version, credential
 * scope, request time, security token, signature, policy expiry and every field condition. The
 * {@code content-length-range} is returned for the caller to enforce on the bytes it receives.
 *
 * <p>A form may be signed with the store's own access key (no token, as a RAM user's on OSS) or with temporary
 * credentials its {@link LocalSts} issued. The latter are checked as OSS checks STS credentials: the form must post
 * their security token ({@code InvalidAccessKeyId} without it, {@code InvalidSecurityToken} for another one,
 * {@code SecurityTokenExpired} once they expired), the policy must pin it, and the object key must lie under the prefix
 * they were issued for ({@code AccessDenied} otherwise, as a session policy denies it on OSS).
 */
public final class PostFormVerifier {

    /** OSS's limit for one PostObject upload. */
    static final long MAX_OBJECT_BYTES = 5L * 1024 * 1024 * 1024;

    static final Duration MAX_SKEW = Duration.ofMinutes(15);

    /** As OSS: a form (or request) with {@code x-oss-forbid-overwrite: true} must not replace an existing object. */
    public static final String FORBID_OVERWRITE = "x-oss-forbid-overwrite";

    /** As OSS: Base64 of the upload callback's JSON; the store calls back only when the policy pins it. */
    public static final String CALLBACK = "callback";

    private static final DateTimeFormatter STRICT_DATE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withResolverStyle(ResolverStyle.STRICT);

    private final String bucket;
    private final SigningIdentity identity;
    private final Optional<LocalSts> sts;
    private final Clock clock;
    private final JsonMapper json;

    /** A verifier that knows only the store's own key. */
    public PostFormVerifier(String bucket, SigningIdentity identity, Clock clock, JsonMapper json) {
        this(bucket, identity, null, clock, json);
    }

    /** A verifier that also accepts the temporary credentials {@code sts} issued. */
    public PostFormVerifier(String bucket, SigningIdentity identity, LocalSts sts, Clock clock, JsonMapper json) {
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.sts = Optional.ofNullable(sts);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** The key a form was signed with: its signing key of the day, and the prefix it is narrowed to, if any. */
    private record Signer(byte[] signingKey, Optional<KeyPrefix> scope) {}

    /**
     * What a verified form allows: the object key, its size bounds, how to answer, whether it may replace an
     * existing object ({@code x-oss-forbid-overwrite: true} forbids it), and whom to call back once it is stored.
     */
    public record AcceptedForm(
            ObjectKey key,
            long minBytes,
            long maxBytes,
            String contentType,
            int successStatus,
            boolean forbidOverwrite,
            Optional<CallbackConfiguration> callback) {}

    /**
     * @param fields the form fields before the file, keyed case-insensitively
     * @param fileName the file part's file name, for {@code ${filename}} in the key
     * @param fileContentType the file part's own Content-Type, used when the form sets none
     * @throws OssRejection the OSS error OSS would answer
     */
    public AcceptedForm verify(Map<String, String> fields, String fileName, String fileContentType) {
        String version = required(fields, "x-oss-signature-version");
        if (!OssV4Signature.ALGORITHM.equals(version)) {
            throw OssError.INVALID_ARGUMENT.reject(
                    "Invalid signature version '" + version + "', expected " + OssV4Signature.ALGORITHM + ".");
        }
        String credential = required(fields, "x-oss-credential");
        String dateTime = required(fields, "x-oss-date");
        String policyBase64 = required(fields, "policy");
        String signature = required(fields, "x-oss-signature");

        Instant requestTime = requestTime(dateTime);
        Instant now = clock.instant();
        if (Duration.between(requestTime, now).abs().compareTo(MAX_SKEW) > 0) {
            throw OssError.REQUEST_TIME_TOO_SKEWED.reject("The difference between the request time (" + dateTime
                    + ") and the server's time (" + OssV4Signature.dateTime(now) + ") is too large.");
        }
        String day = dateTime.substring(0, 8);
        Signer signer = signer(credential, day, fields.get("x-oss-security-token"), now);
        if (!OssV4Signature.matches(OssV4Signature.sign(signer.signingKey(), policyBase64), signature)) {
            throw OssError.SIGNATURE_DOES_NOT_MATCH.reject("The request signature we calculated does not match "
                    + "the signature you provided. Check your key and signing method.");
        }

        PolicyDocument policy = PolicyDocument.parse(decode(policyBase64), json);
        List<String> requiredConditions = signer.scope().isPresent()
                ? List.of("x-oss-signature-version", "x-oss-credential", "x-oss-date", "x-oss-security-token")
                : List.of("x-oss-signature-version", "x-oss-credential", "x-oss-date");
        for (String required : requiredConditions) {
            if (!policy.constrains(required)) {
                throw OssError.INVALID_POLICY_DOCUMENT.reject(
                        "Invalid Policy: the policy must contain the " + "condition '" + required + "'.");
            }
        }
        if (!now.isBefore(policy.expiration())) {
            throw OssError.ACCESS_DENIED.reject("Invalid according to Policy: Policy expired.");
        }

        String rawKey = required(fields, "key");
        String key = fileName == null ? rawKey : rawKey.replace("${filename}", fileName);
        String contentType = fields.get("content-type");
        policy.enforce(name -> switch (name) {
            case "bucket" -> bucket;
            case "key" -> key;
            default -> fields.getOrDefault(name, "");
        });

        ObjectKey objectKey;
        try {
            objectKey = new ObjectKey(key);
        } catch (InvalidValueException e) {
            throw OssError.INVALID_ARGUMENT.reject("The specified object name is not valid: " + e.getMessage());
        }
        if (signer.scope().isPresent() && !key.startsWith(signer.scope().get().value())) {
            throw OssError.ACCESS_DENIED.reject("You are not authorized to do this action: these temporary "
                    + "credentials allow uploads under '" + signer.scope().get().value() + "' only.");
        }
        Optional<CallbackConfiguration> callback = callback(fields.get(CALLBACK), policy);
        PolicyDocument.LengthRange range =
                policy.lengthRange().orElse(new PolicyDocument.LengthRange(0, MAX_OBJECT_BYTES));
        String storedType = storedContentType(contentType, objectKey, fileContentType);
        if (storedType.chars().anyMatch(Character::isISOControl)) {
            throw OssError.INVALID_ARGUMENT.reject("Invalid Content-Type.");
        }
        return new AcceptedForm(
                objectKey,
                range.min(),
                Math.min(range.max(), MAX_OBJECT_BYTES),
                storedType,
                successStatus(fields.get("success_action_status")),
                "true"
                        .equalsIgnoreCase(
                                fields.getOrDefault(FORBID_OVERWRITE, "").strip()),
                callback);
    }

    /**
     * The form's upload callback, if it has one. Unlike a form's other fields, the store insists that the policy pin
     * it (the service's forms always do): it makes the store post to a URL, which an unsigned field must not choose.
     */
    private Optional<CallbackConfiguration> callback(String field, PolicyDocument policy) {
        if (field == null || field.isEmpty()) {
            return Optional.empty();
        }
        if (!policy.constrains(CALLBACK)) {
            throw OssError.ACCESS_DENIED.reject("Invalid according to Policy: the policy does not pin the "
                    + "'callback' field; this store calls back only where the form's signer allowed.");
        }
        return Optional.of(CallbackConfiguration.parse(field, json));
    }

    /**
     * The store's own key (no token, or exactly the token it was configured with), or temporary credentials the
     * emulated STS issued, checked as OSS checks STS credentials.
     */
    private Signer signer(String credential, String day, String token, Instant now) {
        String accessKeyId = SigningIdentity.accessKeyIdOf(credential);
        if (accessKeyId.equals(identity.accessKeyId())) {
            identity.checkCredential(credential, day);
            identity.checkSecurityToken(token);
            return new Signer(identity.signingKey(day), Optional.empty());
        }
        TemporaryCredentials issued =
                sts.flatMap(s -> s.find(accessKeyId)).orElseThrow(SigningIdentity::unknownAccessKey);
        identity.checkScope(credential, day);
        if (token == null || token.isEmpty()) {
            throw SigningIdentity.unknownAccessKey(); // OSS: an STS key id without its token is not a key it knows
        }
        if (!OssV4Signature.matches(issued.securityToken(), token)) {
            throw OssError.INVALID_SECURITY_TOKEN.reject("The security token you provided is invalid.");
        }
        if (!now.isBefore(issued.expiresAt())) {
            throw OssError.SECURITY_TOKEN_EXPIRED.reject("The security token you provided has expired.");
        }
        return new Signer(issued.signingKey(day, identity.region()), Optional.of(issued.scope()));
    }

    static Instant requestTime(String dateTime) {
        try {
            return LocalDateTime.parse(dateTime, STRICT_DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw OssError.INVALID_ARGUMENT.reject(
                    "Invalid x-oss-date '" + dateTime + "', expected yyyyMMdd'T'HHmmss'Z'.");
        }
    }

    private static byte[] decode(String policyBase64) {
        try {
            return Base64.getDecoder().decode(policyBase64.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw OssError.INVALID_POLICY_DOCUMENT.reject("Invalid Policy: the policy is not valid Base64.");
        }
    }

    /**
     * As OSS: the form's Content-Type; else the type of the key's extension; else (beyond OSS, for
     * browser forms) the file part's own type; else {@code application/octet-stream}.
     */
    private static String storedContentType(String formType, ObjectKey key, String fileType) {
        if (formType != null && !formType.isBlank()) {
            return formType;
        }
        String name = key.value().substring(key.value().lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
            String extension = name.substring(dot + 1);
            for (FileFormat format : FileFormat.values()) {
                if (format.acceptsExtension(extension)) {
                    return format.contentType();
                }
            }
        }
        return fileType != null && !fileType.isBlank() ? fileType : "application/octet-stream";
    }

    private static int successStatus(String value) {
        if (value == null) {
            return 204;
        }
        return switch (value.trim()) {
            case "200" -> 200;
            case "201" -> 201;
            default -> 204;
        };
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw OssError.INVALID_ARGUMENT.reject(
                    "The form field '" + name.toLowerCase(Locale.ROOT) + "' must be provided.");
        }
        return value;
    }
}
