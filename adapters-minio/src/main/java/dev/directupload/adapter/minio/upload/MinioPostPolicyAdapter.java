package dev.directupload.adapter.minio.upload;

import dev.directupload.adapter.minio.MinioClients;
import dev.directupload.adapter.minio.MinioProperties;
import dev.directupload.adapter.minio.object.MinioFailures;
import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.domain.upload.UploadPolicyRules;
import io.micronaut.context.annotation.Requires;
import io.minio.MinioClient;
import io.minio.PostPolicy;
import io.minio.errors.MinioException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs S3 POST upload forms (SigV4 POST policy) with the io.minio client: {@code eq $key} or {@code starts-with
 * $key}, {@code content-length-range}, {@code eq $Content-Type} when one type is pinned, {@code eq
 * $success_action_status 200}, expiring at now + ttl.
 *
 * <p>S3 POST policies have no {@code in} operator (neither has {@link PostPolicy}), so a request allowing several
 * content types is refused rather than signed with a looser condition; S3 forms cannot forbid overwriting either, so a
 * request asking for it is refused too ({@link #canForbidOverwrite()} is false).
 */
@Singleton
@Requires(property = "storage.provider", value = "minio")
class MinioPostPolicyAdapter implements SignUploadFormPort {

    static final String SUCCESS_STATUS = "200";
    /** The fields io.minio returns, in the order the form lists them; anything else follows, sorted by name. */
    private static final List<String> SIGNED_FIELDS = List.of(
            "policy", "x-amz-algorithm", "x-amz-credential", "x-amz-security-token", "x-amz-date", "x-amz-signature");

    private final MinioClient client;
    private final String bucket;
    private final String uploadUrl;
    private final Clock clock;

    MinioPostPolicyAdapter(MinioClients clients, MinioProperties properties, Clock clock) {
        this.client = clients.service();
        this.bucket = properties.bucket();
        this.uploadUrl = properties.uploadUrl();
        this.clock = clock;
    }

    @Override
    public UploadForm sign(UploadFormRequest request) {
        if (request.forbidOverwrite()) {
            throw new IllegalArgumentException("S3 POST forms cannot forbid overwriting an existing object; sign a "
                    + "form for a slot-unique staging key and promote the verified bytes by a server-side copy");
        }
        if (request.callback().isPresent()) {
            throw new IllegalArgumentException(
                    "S3 POST forms have no upload callback; the client completes the upload");
        }
        if (request.contentTypes().size() > 1) {
            throw new IllegalArgumentException("S3 POST policies pin at most one content type (no 'in' operator); "
                    + "asked for " + request.contentTypes().stream().sorted().toList());
        }
        // A static key never expires: the form lives exactly now + ttl (whole seconds).
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = UploadPolicyRules.expiryWithin(now, request.ttl(), Instant.MAX);

        PostPolicy policy = new PostPolicy(bucket, ZonedDateTime.ofInstant(expiresAt, ZoneOffset.UTC));
        if (request.key() instanceof KeyCondition.Exact) {
            policy.addEqualsCondition("key", request.key().value());
        } else {
            policy.addStartsWithCondition("key", request.key().value());
        }
        policy.addContentLengthRangeCondition(
                request.size().min().bytes(), request.size().max().bytes());
        String contentType = request.contentTypes().stream().findFirst().orElse(null);
        if (contentType != null) {
            policy.addEqualsCondition("Content-Type", contentType);
        }
        policy.addEqualsCondition("success_action_status", SUCCESS_STATUS);

        Map<String, String> signed;
        try {
            signed = new TreeMap<>(client.getPresignedPostFormData(policy));
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw MinioFailures.unavailable("POST policy signing", e);
        }

        // The prefix form's key is the prefix itself, as the OSS adapter's: the client replaces it with prefix + name.
        Map<String, String> fields = new LinkedHashMap<>(16);
        fields.put("key", request.key().value());
        for (String name : SIGNED_FIELDS) {
            String value = signed.remove(name);
            if (value != null) {
                fields.put(name, value);
            }
        }
        fields.putAll(signed);
        fields.put("success_action_status", SUCCESS_STATUS);
        if (contentType != null) {
            fields.put("Content-Type", contentType);
        }
        return new UploadForm(uploadUrl, fields, expiresAt);
    }

    /** S3 POST has no {@code x-oss-forbid-overwrite}: a form always replaces what its key holds. */
    @Override
    public boolean canForbidOverwrite() {
        return false;
    }
}
