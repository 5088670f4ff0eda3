package dev.directupload.adapter.oss.upload;

import dev.directupload.adapter.oss.OssProperties;
import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.storage.UploadCallbackRequest;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.upload.UploadPolicyRules;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs OSS V4 POST upload forms with the family's cached upload credentials; a form that must not replace an
 * existing object carries {@code x-oss-forbid-overwrite=true}, pinned by the policy. A form with an upload callback
 * carries the {@code callback} field and the upload id as the custom variable {@code x:upload_id}, both pinned.
 */
@Singleton
@Requires(property = "storage.provider", value = "oss")
class OssPostPolicyAdapter implements SignUploadFormPort {

    static final String CALLBACK_FIELD = "callback";

    private final UploadCredentialIssuer credentials;
    private final V4PolicySigner signer;
    private final OssProperties properties;
    private final Clock clock;

    OssPostPolicyAdapter(
            UploadCredentialIssuer credentials, V4PolicySigner signer, OssProperties properties, Clock clock) {
        this.credentials = credentials;
        this.signer = signer;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public UploadForm sign(UploadFormRequest request) {
        return sign(request, credentials.forSigning(KeyPrefix.family(request.family()), request.ttl()));
    }

    /** Signs with the family's cached credentials only; empty when they must be fetched (STS) first. */
    @Override
    public Optional<UploadForm> signWithoutWaiting(UploadFormRequest request) {
        return credentials
                .forSigningWithoutWaiting(KeyPrefix.family(request.family()), request.ttl())
                .map(signing -> sign(request, signing));
    }

    private UploadForm sign(UploadFormRequest request, TemporaryCredentials signing) {
        // One instant for x-oss-date, the credential's scope date and the expiry; seconds, as x-oss-date has.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = UploadPolicyRules.expiryWithin(now, request.ttl(), signing.expiresAt())
                .truncatedTo(ChronoUnit.MILLIS);
        PolicyDocumentWriter policy = new PolicyDocumentWriter(
                properties.bucket(),
                properties.region(),
                signing.accessKeyId(),
                signing.securityToken().orElse(null),
                now,
                expiresAt,
                request.key(),
                request.size(),
                request.contentTypes().size() < 2
                        ? List.copyOf(request.contentTypes())
                        : request.contentTypes().stream().sorted().toList(),
                request.forbidOverwrite(),
                request.callback().map(OssPostPolicyAdapter::callbackFields).orElse(Map.of()));
        PolicySafetyCheck.requireSafe(policy, signing.expiresAt());

        String date = policy.date();
        String credential = policy.credential(date);
        byte[] base64 =
                Base64.getEncoder().encode(policy.toJson(date, credential).getBytes(StandardCharsets.UTF_8));
        String policyBase64 = new String(base64, StandardCharsets.US_ASCII);
        String signature = signer.sign(base64, now, signing);

        Map<String, String> fields = new LinkedHashMap<>(16);
        fields.put("key", request.key().value());
        fields.put("policy", policyBase64);
        fields.put("x-oss-signature-version", PolicyDocumentWriter.SIGNATURE_VERSION);
        fields.put("x-oss-credential", credential);
        fields.put("x-oss-date", date);
        fields.put("x-oss-signature", signature);
        signing.securityToken().ifPresent(token -> fields.put("x-oss-security-token", token));
        fields.put("success_action_status", PolicyDocumentWriter.SUCCESS_STATUS);
        List<String> types = policy.contentTypes();
        if (types.size() == 1) {
            fields.put("Content-Type", types.get(0));
        }
        if (request.forbidOverwrite()) {
            fields.put(PolicyDocumentWriter.FORBID_OVERWRITE, "true");
        }
        fields.putAll(policy.pinned());
        return new UploadForm(properties.publicUrl(), fields, expiresAt);
    }

    /**
     * The {@code callback} field (Base64 of OSS's callback JSON: URL, body template, JSON body type, SNI) and the
     * custom variable carrying the upload id, in form order.
     */
    static Map<String, String> callbackFields(UploadCallbackRequest callback) {
        StringBuilder json = new StringBuilder(384).append("{\"callbackUrl\":");
        PolicyDocumentWriter.string(json, callback.url().toString());
        json.append(",\"callbackBody\":");
        PolicyDocumentWriter.string(json, UploadCallbackRequest.BODY_TEMPLATE);
        json.append(",\"callbackBodyType\":");
        PolicyDocumentWriter.string(json, UploadCallbackRequest.BODY_TYPE);
        json.append(",\"callbackSNI\":true}");
        Map<String, String> fields = new LinkedHashMap<>(4);
        fields.put(
                CALLBACK_FIELD,
                Base64.getEncoder().encodeToString(json.toString().getBytes(StandardCharsets.UTF_8)));
        fields.put(UploadCallbackRequest.UPLOAD_ID_VARIABLE, callback.upload().value());
        return fields;
    }

    /** OSS calls back after PostObject when the form carries a {@code callback} field. */
    @Override
    public boolean canCallBack() {
        return true;
    }

    /** OSS honours {@code x-oss-forbid-overwrite} on PostObject. */
    @Override
    public boolean canForbidOverwrite() {
        return true;
    }
}
