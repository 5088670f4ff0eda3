package dev.directupload.adapter.web.compat;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.directupload.adapter.web.auth.Caller;
import dev.directupload.adapter.web.error.ErrorAnswer;
import dev.directupload.adapter.web.photo.PhotoResponse;
import dev.directupload.adapter.web.ratelimit.RequestRateLimiter;
import dev.directupload.application.port.in.compat.CheckHashesUseCase;
import dev.directupload.application.port.in.compat.HashCheck;
import dev.directupload.application.port.in.compat.PhotoRecord;
import dev.directupload.application.port.in.compat.RecordPhotosUseCase;
import dev.directupload.application.port.in.compat.RecordedPhoto;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;

/**
 * The original article's hash check and photo records (the article-compatible API), kept for clients written against
 * it; its third call, the signature, is {@link SignatureController}.
 */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ArticleCompatController {

    private final CheckHashesUseCase checkHashes;
    private final RecordPhotosUseCase recordPhotos;
    private final RequestRateLimiter rateLimiter;

    ArticleCompatController(
            CheckHashesUseCase checkHashes, RecordPhotosUseCase recordPhotos, RequestRateLimiter rateLimiter) {
        this.checkHashes = checkHashes;
        this.recordPhotos = recordPhotos;
        this.rateLimiter = rateLimiter;
    }

    @Post("/hash/check")
    HashCheckResponse hashCheck(Authentication auth, @Body HashCheckRequest body) {
        if (body.familyId() == null) {
            throw new InvalidValueException(ErrorCode.INVALID_REQUEST, "family_id is required");
        }
        HashCheck result = checkHashes.check(Caller.of(auth), new FamilyId(body.familyId()), strings(body.hashes()));
        return new HashCheckResponse(
                result.existing().stream().map(ContentHash::md5).toList(),
                result.missing().stream().map(ContentHash::md5).toList());
    }

    /**
     * Rate-limited per user by item (a batch beyond the per-request cap is refused by the use case, uncounted). 200
     * when every item is recorded (or already was); 422 {@code items_rejected} when any item was refused, so a
     * client that ignores the body still sees a failure. The recorded items stay recorded either way.
     */
    @Post("/photos")
    HttpResponse<RecordResponse> photos(Authentication auth, @Body RecordRequest body) {
        List<PhotoRecord> items = body.data() == null
                ? null
                : body.data().stream()
                        .map(d -> d == null
                                ? null
                                : new PhotoRecord(
                                        d.albumId(),
                                        d.familyId(),
                                        d.fileName(),
                                        d.filePath(),
                                        d.objectKey(),
                                        d.fileType(),
                                        d.fileSize(),
                                        d.uploadTime(),
                                        d.hashValue()))
                        .toList();
        UserId caller = Caller.of(auth);
        if (items != null && !items.isEmpty() && items.size() <= RecordPhotosUseCase.MAX_ITEMS) {
            // each item is checked against storage (a HEAD): the items are counted, not the request
            rateLimiter.storageChecks(caller, items.size());
        }
        List<RecordedPhoto> results = recordPhotos.record(caller, items);
        List<RecordItem> answers = results.stream().map(RecordItem::from).toList();
        long rejected = results.stream()
                .filter(r -> r instanceof RecordedPhoto.Rejected)
                .count();
        if (rejected == 0) {
            return HttpResponse.ok(new RecordResponse(null, null, answers));
        }
        return HttpResponse.<RecordResponse>status(HttpStatus.UNPROCESSABLE_ENTITY)
                .body(new RecordResponse(
                        ErrorCode.ITEMS_REJECTED.wireName(),
                        rejected + " of " + results.size() + " items were rejected; the others are recorded",
                        answers));
    }

    /**
     * The hashes as sent, each a JSON string or null: serde reads a {@code List<String>} leniently ({@code [1]} would
     * become {@code ["1"]}), so the list is read as values and checked here.
     */
    private static List<String> strings(List<Object> values) {
        if (values == null) {
            return null;
        }
        List<String> strings = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value != null && !(value instanceof String)) {
                throw new InvalidValueException(ErrorCode.INVALID_REQUEST, "hashes[" + i + "] must be a string");
            }
            strings.add((String) value);
        }
        return strings;
    }

    /** {@code {"family_id","hashes":[...]}}. */
    @Serdeable
    record HashCheckRequest(
            @Nullable String familyId, @Nullable List<Object> hashes) {}

    /** {@code {"existing":[...],"missing":[...]}}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record HashCheckResponse(List<String> existing, List<String> missing) {}

    /** {@code {"data":[...]}}. */
    @Serdeable
    record RecordRequest(@Nullable List<RecordData> data) {}

    /** One item as the article's client sends it ({@code file_size} in KB; {@code creator_uid} ignored). */
    @Serdeable
    record RecordData(
            @Nullable String albumId,
            @Nullable String familyId,
            @Nullable String fileName,
            @Nullable String filePath,
            @Nullable String objectKey,
            @Nullable String creatorUid,
            @Nullable String fileType,
            @Nullable Long fileSize,
            @Nullable Long uploadTime,
            @Nullable String hashValue) {}

    /** {@code {"items":[...]}}, with {@code code} and {@code message} when any item was rejected. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RecordResponse(
            @Nullable String code,
            @Nullable String message,
            List<RecordItem> items,
            @Nullable String requestId) implements ErrorAnswer {

        RecordResponse(@Nullable String code, @Nullable String message, List<RecordItem> items) {
            this(code, message, items, null);
        }

        @Override
        public RecordResponse withRequestId(String requestId) {
            return new RecordResponse(code, message, items, requestId);
        }
    }

    /** One result: created with its photo, or rejected with a code. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RecordItem(
            int index,
            String status,
            @Nullable PhotoResponse photo,
            @Nullable String code,
            @Nullable String message) {

        static RecordItem from(RecordedPhoto result) {
            if (result instanceof RecordedPhoto.Created created) {
                return new RecordItem(result.index(), "created", PhotoResponse.from(created.photo()), null, null);
            }
            if (result instanceof RecordedPhoto.Duplicate duplicate) {
                return new RecordItem(result.index(), "duplicate", PhotoResponse.from(duplicate.photo()), null, null);
            }
            RecordedPhoto.Rejected rejected = (RecordedPhoto.Rejected) result;
            return new RecordItem(
                    result.index(), "rejected", null, rejected.code().wireName(), rejected.message());
        }
    }
}
