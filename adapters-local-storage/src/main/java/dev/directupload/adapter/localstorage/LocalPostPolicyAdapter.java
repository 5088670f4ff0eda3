package dev.directupload.adapter.localstorage;

import dev.directupload.adapter.localstorage.signing.LocalSts;
import dev.directupload.adapter.localstorage.signing.OssV4Signature;
import dev.directupload.adapter.localstorage.signing.PostFormVerifier;
import dev.directupload.adapter.localstorage.signing.TemporaryCredentials;
import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.storage.UploadCallbackRequest;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.upload.UploadPolicyRules;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Signs V4 POST forms for the local bucket with the same algorithm, conditions and fields as OSS, forbid-overwrite
 * included, and as the OSS adapter does with STS: with temporary credentials narrowed to the family's prefix (from the
 * store's {@link LocalSts}), whose security token the form posts and the policy pins. A form never outlives them. A
 * form with an upload callback carries OSS's {@code callback} field and the upload id as {@code x:upload_id}, both
 * pinned; the store then calls back as OSS would.
 */
@Singleton
@LocalStorageSelected
final class LocalPostPolicyAdapter implements SignUploadFormPort {

    private static final DateTimeFormatter EXPIRATION =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final LocalStorageProperties properties;
    private final LocalSts sts;
    private final BucketUrl bucketUrl;
    private final Clock clock;

    LocalPostPolicyAdapter(LocalStorageProperties properties, LocalSts sts, BucketUrl bucketUrl, Clock clock) {
        this.properties = properties;
        this.sts = sts;
        this.bucketUrl = bucketUrl;
        this.clock = clock;
    }

    @Override
    public UploadForm sign(UploadFormRequest request) {
        return sign(request, sharedBy(request), bucketUrl.value());
    }

    /** The local store signs from memory only: its credentials are issued in this process. */
    @Override
    public Optional<UploadForm> signWithoutWaiting(UploadFormRequest request) {
        return Optional.of(sign(request));
    }

    /**
     * The forms of a batch (one {@code POST /uploads}): the credentials, the instant, the credential scope, the V4
     * signing key and the bucket URL are taken once per family and policy lifetime, not once per form (issue 14).
     */
    @Override
    public List<UploadForm> signAll(List<UploadFormRequest> requests) {
        Map<Map.Entry<FamilyId, Duration>, Shared> shared = new HashMap<>();
        String url = bucketUrl.value();
        List<UploadForm> forms = new ArrayList<>(requests.size());
        for (UploadFormRequest request : requests) {
            Shared common =
                    shared.computeIfAbsent(Map.entry(request.family(), request.ttl()), key -> sharedBy(request));
            forms.add(sign(request, common, url));
        }
        return forms;
    }

    /** What every form of one family and policy lifetime shares at one instant. */
    private record Shared(
            TemporaryCredentials credentials,
            Instant expiresAt,
            String dateTime,
            String credential,
            byte[] signingKey) {}

    private Shared sharedBy(UploadFormRequest request) {
        // one instant for x-oss-date, the credential's day and the expiration
        TemporaryCredentials credentials = sts.forSigning(KeyPrefix.family(request.family()), request.ttl());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String dateTime = OssV4Signature.dateTime(now);
        String day = dateTime.substring(0, 8);
        return new Shared(
                credentials,
                UploadPolicyRules.expiryWithin(now, request.ttl(), credentials.expiresAt()),
                dateTime,
                credentials.credential(day, properties.region()),
                credentials.signingKey(day, properties.region()));
    }

    private UploadForm sign(UploadFormRequest request, Shared shared, String url) {
        StringBuilder conditions = new StringBuilder()
                .append("{\"x-oss-signature-version\":")
                .append(json(OssV4Signature.ALGORITHM))
                .append("},")
                .append("{\"x-oss-credential\":")
                .append(json(shared.credential()))
                .append("},")
                .append("{\"x-oss-date\":")
                .append(json(shared.dateTime()))
                .append("},")
                .append("{\"x-oss-security-token\":")
                .append(json(shared.credentials().securityToken()))
                .append("},")
                .append("{\"bucket\":")
                .append(json(properties.bucket()))
                .append("},")
                .append('[')
                .append(json(request.key() instanceof KeyCondition.Exact ? "eq" : "starts-with"))
                .append(",\"$key\",")
                .append(json(request.key().value()))
                .append("],")
                .append("[\"content-length-range\",")
                .append(request.size().min().bytes())
                .append(',')
                .append(request.size().max().bytes())
                .append("],");
        List<String> types = request.contentTypes().stream().sorted().toList();
        if (!types.isEmpty()) {
            conditions
                    .append("[\"in\",\"$content-type\",[")
                    .append(types.stream().map(LocalPostPolicyAdapter::json).collect(Collectors.joining(",")))
                    .append("]],");
        }
        conditions.append("[\"eq\",\"$success_action_status\",\"200\"]");
        if (request.forbidOverwrite()) {
            conditions
                    .append(",[\"eq\",\"$")
                    .append(PostFormVerifier.FORBID_OVERWRITE)
                    .append("\",\"true\"]");
        }
        Map<String, String> callbackFields =
                request.callback().map(LocalPostPolicyAdapter::callbackFields).orElse(Map.of());
        callbackFields.forEach((name, value) -> conditions
                .append(",{")
                .append(json(name))
                .append(':')
                .append(json(value))
                .append('}'));
        String policyJson = "{\"expiration\":" + json(EXPIRATION.format(shared.expiresAt())) + ",\"conditions\":["
                + conditions + "]}";
        String policy = Base64.getEncoder().encodeToString(policyJson.getBytes(StandardCharsets.UTF_8));
        String signature = OssV4Signature.sign(shared.signingKey(), policy);

        Map<String, String> fields = new LinkedHashMap<>();
        // a prefix form carries the bare prefix, as OSS's and MinIO's: the client posts prefix + its own name
        fields.put("key", request.key().value());
        fields.put("policy", policy);
        fields.put("x-oss-signature-version", OssV4Signature.ALGORITHM);
        fields.put("x-oss-credential", shared.credential());
        fields.put("x-oss-date", shared.dateTime());
        fields.put("x-oss-signature", signature);
        fields.put("x-oss-security-token", shared.credentials().securityToken());
        fields.put("success_action_status", "200");
        if (types.size() == 1) {
            fields.put("Content-Type", types.get(0));
        }
        if (request.forbidOverwrite()) {
            fields.put(PostFormVerifier.FORBID_OVERWRITE, "true");
        }
        fields.putAll(callbackFields);
        return new UploadForm(url, fields, shared.expiresAt());
    }

    /** OSS's {@code callback} field (Base64 of its JSON) and the custom variable carrying the upload id. */
    private static Map<String, String> callbackFields(UploadCallbackRequest callback) {
        String json = "{\"callbackUrl\":" + json(callback.url().toString()) + ",\"callbackBody\":"
                + json(UploadCallbackRequest.BODY_TEMPLATE) + ",\"callbackBodyType\":"
                + json(UploadCallbackRequest.BODY_TYPE) + "}";
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(
                PostFormVerifier.CALLBACK, Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
        fields.put(UploadCallbackRequest.UPLOAD_ID_VARIABLE, callback.upload().value());
        return fields;
    }

    /** The store calls back after PostObject as OSS does. */
    @Override
    public boolean canCallBack() {
        return true;
    }

    /** The store honours {@code x-oss-forbid-overwrite} as OSS does. */
    @Override
    public boolean canForbidOverwrite() {
        return true;
    }

    /** A JSON string literal. */
    static String json(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
