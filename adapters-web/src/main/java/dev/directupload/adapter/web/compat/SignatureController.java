package dev.directupload.adapter.web.compat;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.directupload.adapter.web.auth.Caller;
import dev.directupload.adapter.web.ratelimit.RequestRateLimiter;
import dev.directupload.adapter.web.request.PathIds;
import dev.directupload.application.port.in.compat.PrefixPolicy;
import dev.directupload.application.port.in.compat.SignPrefixPolicyUseCase;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The article's signature call, {@code GET /families/oss/signature}: the hot path of direct uploads (one call per
 * batch of files). It answers on the HTTP event loop when everything it needs is in memory (the rate limit kept in
 * this process, recent membership, album and usage answers, cached signing credentials), and on a blocking thread
 * otherwise, so that the event loop never waits for the database, STS or a shared rate-limit store.
 */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
final class SignatureController {

    private final SignPrefixPolicyUseCase signPrefixPolicy;
    private final RequestRateLimiter rateLimiter;
    private final ExecutorService blocking;

    SignatureController(
            SignPrefixPolicyUseCase signPrefixPolicy,
            RequestRateLimiter rateLimiter,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.signPrefixPolicy = signPrefixPolicy;
        this.rateLimiter = rateLimiter;
        this.blocking = blocking;
    }

    @Get("/families/oss/signature")
    CompletableFuture<SignatureResponse> signature(
            Authentication auth,
            @Nullable @QueryValue("family_id") String familyId,
            @Nullable @QueryValue("file_path") String filePath) {
        UserId caller = Caller.of(auth);
        if (!rateLimiter.signingAnswersWithoutWaiting()) {
            return onBlockingThread(() -> sign(caller, admitted(caller, familyId, filePath)));
        }
        Request request = admitted(caller, familyId, filePath);
        Optional<PrefixPolicy> atHand =
                signPrefixPolicy.signFromRecentAnswers(caller, request.family(), request.album());
        if (atHand.isPresent()) {
            return CompletableFuture.completedFuture(SignatureResponse.from(atHand.get()));
        }
        return onBlockingThread(() -> sign(caller, request));
    }

    /** Takes the caller's signing token, then checks the query: the order of both paths. */
    private Request admitted(UserId caller, @Nullable String familyId, @Nullable String filePath) {
        rateLimiter.signing(caller);
        return Request.of(familyId, filePath);
    }

    /** The signature where it may look things up (on a blocking thread). */
    private SignatureResponse sign(UserId caller, Request request) {
        return SignatureResponse.from(signPrefixPolicy.sign(caller, request.family(), request.album()));
    }

    private CompletableFuture<SignatureResponse> onBlockingThread(Supplier<SignatureResponse> call) {
        return CompletableFuture.supplyAsync(PropagatedContext.wrapCurrent(call), blocking);
    }

    /** The query, checked: both values are required, each a well-formed id. */
    private record Request(FamilyId family, AlbumId album) {
        static Request of(@Nullable String familyId, @Nullable String filePath) {
            if (familyId == null || filePath == null) {
                throw new InvalidValueException(ErrorCode.INVALID_REQUEST, "family_id and file_path are required");
            }
            return new Request(PathIds.family(familyId), PathIds.album(filePath));
        }
    }

    /** The article's signature answer, plus {@code fields}: every form field but {@code key}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SignatureResponse(
            String host,
            String policy,
            String signature,
            String credential,
            String date,
            @Nullable String securityToken,
            String fileBasePath,
            String signatureVersion,
            Instant expire,
            Map<String, String> fields) {

        static SignatureResponse from(PrefixPolicy policy) {
            Map<String, String> f = policy.form().fields();
            Map<String, String> withoutKey = new LinkedHashMap<>(f);
            withoutKey.remove("key");
            return new SignatureResponse(
                    policy.form().url(),
                    f.get("policy"),
                    first(f, "x-oss-signature", "x-amz-signature"),
                    first(f, "x-oss-credential", "x-amz-credential"),
                    first(f, "x-oss-date", "x-amz-date"),
                    first(f, "x-oss-security-token", "x-amz-security-token"),
                    policy.prefix().basePath(),
                    first(f, "x-oss-signature-version", "x-amz-algorithm"),
                    policy.form().expiresAt(),
                    withoutKey);
        }

        private static String first(Map<String, String> fields, String... names) {
            for (String name : names) {
                if (fields.containsKey(name)) {
                    return fields.get(name);
                }
            }
            return null;
        }
    }
}
