package dev.directupload.adapter.web.upload;

import dev.directupload.adapter.web.auth.Caller;
import dev.directupload.adapter.web.metrics.UploadMetrics;
import dev.directupload.adapter.web.photo.PhotoResponse;
import dev.directupload.adapter.web.ratelimit.RequestRateLimiter;
import dev.directupload.adapter.web.request.PathIds;
import dev.directupload.adapter.web.upload.UploadDtos.FileRequest;
import dev.directupload.adapter.web.upload.UploadDtos.ItemResponse;
import dev.directupload.adapter.web.upload.UploadDtos.PrepareRequest;
import dev.directupload.adapter.web.upload.UploadDtos.PrepareResponse;
import dev.directupload.application.port.in.upload.CompleteUploadUseCase;
import dev.directupload.application.port.in.upload.DeclaredFile;
import dev.directupload.application.port.in.upload.PrepareUploadsCommand;
import dev.directupload.application.port.in.upload.PrepareUploadsUseCase;
import dev.directupload.application.port.in.upload.PreparedItem;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.DomainException;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;
import dev.directupload.domain.upload.UploadId;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.ArrayList;
import java.util.List;

/** The recommended upload flow: prepare (a signing call) and complete (a storage check), both rate-limited per user. */
@Controller("/uploads")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class UploadController {

    private final PrepareUploadsUseCase prepareUploads;
    private final CompleteUploadUseCase completeUpload;
    private final RequestRateLimiter rateLimiter;
    private final UploadMetrics metrics;

    UploadController(
            PrepareUploadsUseCase prepareUploads,
            CompleteUploadUseCase completeUpload,
            RequestRateLimiter rateLimiter,
            UploadMetrics metrics) {
        this.prepareUploads = prepareUploads;
        this.completeUpload = completeUpload;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
    }

    @Post
    PrepareResponse prepare(Authentication auth, @Body PrepareRequest body) {
        UserId caller = Caller.of(auth);
        rateLimiter.signing(caller);
        var command = new PrepareUploadsCommand(
                caller,
                // ids in a body are input: a malformed one is 400 invalid_id, not an unknown resource
                new FamilyId(required(body.familyId(), "family_id")),
                new AlbumId(required(body.albumId(), "album_id")),
                declared(body.files()));
        List<PreparedItem> prepared = prepareUploads.prepare(command);
        prepared.forEach(metrics::prepared);
        return new PrepareResponse(prepared.stream().map(ItemResponse::from).toList());
    }

    @Post("/{uploadId}/complete")
    PhotoResponse complete(Authentication auth, String uploadId) {
        UploadId id = PathIds.parse(uploadId, UploadId::new, ErrorCode.UPLOAD_NOT_FOUND, "upload");
        UserId caller = Caller.of(auth);
        rateLimiter.storageChecks(caller, 1);
        try {
            PhotoResponse photo = PhotoResponse.from(completeUpload.complete(caller, id));
            metrics.completed();
            return photo;
        } catch (DomainException e) {
            metrics.completionFailed(e.code());
            throw e;
        }
    }

    private static List<DeclaredFile> declared(List<FileRequest> files) {
        if (files == null) {
            throw new InvalidValueException(ErrorCode.INVALID_REQUEST, "files is required");
        }
        List<DeclaredFile> declared = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            FileRequest f = files.get(i);
            if (f == null) {
                throw new InvalidValueException(ErrorCode.INVALID_REQUEST, "files[" + i + "] must be an object");
            }
            String ref = f.clientRef() == null ? String.valueOf(i) : f.clientRef();
            declared.add(new DeclaredFile(ref, f.name(), f.size(), f.type(), f.md5(), f.capturedAt()));
        }
        return declared;
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw new InvalidValueException(ErrorCode.INVALID_REQUEST, field + " is required");
        }
        return value;
    }
}
