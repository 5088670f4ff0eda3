package dev.directupload.application.service.upload;

import dev.directupload.application.port.in.upload.DeclaredFile;
import dev.directupload.application.port.in.upload.PrepareUploadsCommand;
import dev.directupload.application.port.in.upload.PrepareUploadsUseCase;
import dev.directupload.application.port.in.upload.PreparedItem;
import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.media.LoadStoredObjectsPort;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.application.port.out.storage.UploadCallbackRequest;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.application.service.media.UploadSettings;
import dev.directupload.application.shared.LimitReachedException;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.media.FileName;
import dev.directupload.domain.media.Placement;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.storage.StoredObject;
import dev.directupload.domain.upload.DedupeDecision;
import dev.directupload.domain.upload.DedupeRule;
import dev.directupload.domain.upload.UploadId;
import dev.directupload.domain.upload.UploadSlot;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Prepares uploads: per file, instant (秒传), a duplicate of another file of the request, a signed slot, or a
 * rejection. A file found stored but whose object went with its last photo before its 秒传 photo was saved is
 * uploaded instead. A slot's form never writes a key a recorded photo can reference: on stores whose forms can forbid
 * overwriting it names the content key with {@code x-oss-forbid-overwrite}; elsewhere a slot-unique staging key
 * from which verified bytes are copied to their content key. With a callback URL, and a store whose forms can carry
 * one, each form also makes the store call the service back once the object is stored (OSS's upload callback).
 */
public final class PrepareUploadsService implements PrepareUploadsUseCase {

    private final FamilyAccess access;
    private final LoadStoredObjectsPort storedObjects;
    private final InstantPhotos instants;
    private final UploadReservations reservations;
    private final SignUploadFormPort signer;
    private final UploadSettings settings;
    private final Optional<URI> callbackUrl;
    private final Clock clock;

    /**
     * @param callbackUrl where the store should call back once an object is stored ({@code oss.callback.url}); used
     *     only when the signer's forms can carry a callback
     */
    public PrepareUploadsService(
            FamilyAccess access,
            LoadStoredObjectsPort storedObjects,
            InstantPhotos instants,
            UploadReservations reservations,
            SignUploadFormPort signer,
            UploadSettings settings,
            Optional<URI> callbackUrl,
            Clock clock) {
        this.access = access;
        this.storedObjects = storedObjects;
        this.instants = instants;
        this.reservations = reservations;
        this.signer = signer;
        this.settings = settings;
        this.callbackUrl = callbackUrl.filter(url -> signer.canCallBack());
        this.clock = clock;
    }

    /** Forms without a callback. */
    public PrepareUploadsService(
            FamilyAccess access,
            LoadStoredObjectsPort storedObjects,
            InstantPhotos instants,
            UploadReservations reservations,
            SignUploadFormPort signer,
            UploadSettings settings,
            Clock clock) {
        this(access, storedObjects, instants, reservations, signer, settings, Optional.empty(), clock);
    }

    @Override
    public List<PreparedItem> prepare(PrepareUploadsCommand command) {
        Album album = access.requireAlbumIn(command.album(), command.family(), command.caller());
        Placement placement = new Placement(command.family(), album.id(), command.caller());
        List<Verdict> judged = new ArrayList<>(command.files().size());
        Set<ContentHash> hashes = new LinkedHashSet<>();
        for (DeclaredFile file : command.files()) {
            Verdict verdict = admit(file);
            judged.add(verdict);
            if (verdict instanceof AdmittedFile admitted) {
                hashes.add(admitted.content().md5());
            }
        }
        List<StoredObject> known = hashes.isEmpty() ? List.of() : storedObjects.findByHashes(command.family(), hashes);

        List<Step> steps = plan(command, judged, known);
        List<AdmittedFile> toUpload = steps.stream()
                .filter(Upload.class::isInstance)
                .map(step -> ((Upload) step).file())
                .toList();
        reservations.requirePendingRoom(command.caller(), toUpload.size());
        Map<String, PreparedItem> answers = new HashMap<>(openSlots(placement, toUpload));
        List<AdmittedFile> gone = new ArrayList<>();
        for (Step step : steps) {
            if (step instanceof RecordInstant instant) {
                AdmittedFile file = instant.file();
                instants.record(
                                placement,
                                file.name(),
                                instant.existing(),
                                file.source().capturedAt())
                        .ifPresentOrElse(
                                photo -> answers.put(
                                        file.clientRef(), new PreparedItem.Instant(file.clientRef(), photo)),
                                () -> gone.add(file));
            }
        }
        answers.putAll(openLate(command, placement, gone));
        List<PreparedItem> items = new ArrayList<>(steps.size());
        for (Step step : steps) {
            if (step instanceof Answered answered) {
                items.add(answered.item());
            } else if (step instanceof RecordInstant instant) {
                items.add(answers.get(instant.file().clientRef()));
            } else {
                items.add(answers.get(((Upload) step).file().clientRef()));
            }
        }
        return items;
    }

    /**
     * Slots for files whose stored object went with its last photo while this prepare ran: they are new again. Past
     * the caller's pending limit they are rejected one by one (the batch's other answers are already written).
     */
    private Map<String, PreparedItem> openLate(
            PrepareUploadsCommand command, Placement placement, List<AdmittedFile> files) {
        if (files.isEmpty()) {
            return Map.of();
        }
        try {
            reservations.requirePendingRoom(command.caller(), files.size());
        } catch (LimitReachedException e) {
            Map<String, PreparedItem> rejected = new HashMap<>();
            for (AdmittedFile file : files) {
                rejected.put(file.clientRef(), new PreparedItem.Rejected(file.clientRef(), e.code(), e.getMessage()));
            }
            return rejected;
        }
        return openSlots(placement, files);
    }

    /** What to do with each file, in request order, before anything is written. */
    private static List<Step> plan(PrepareUploadsCommand command, List<Verdict> judged, List<StoredObject> known) {
        Map<ContentHash, AdmittedFile> firstByHash = new HashMap<>();
        List<Step> steps = new ArrayList<>(judged.size());
        for (Verdict verdict : judged) {
            if (verdict instanceof Refused refused) {
                steps.add(new Answered(refused.answer()));
                continue;
            }
            AdmittedFile file = (AdmittedFile) verdict;
            AdmittedFile first = firstByHash.putIfAbsent(file.content().md5(), file);
            if (first != null) {
                steps.add(new Answered(
                        first.content().equals(file.content())
                                ? new PreparedItem.Duplicate(file.clientRef(), first.clientRef())
                                : hashConflict(
                                        file,
                                        "file " + first.clientRef() + " of this request has this md5 and "
                                                + first.content().size().bytes() + " bytes")));
                continue;
            }
            DedupeDecision decision = DedupeRule.decide(command.family(), file.content(), known);
            if (decision instanceof DedupeDecision.Instant instant) {
                steps.add(new RecordInstant(file, instant.existing()));
            } else if (decision instanceof DedupeDecision.HashConflict conflict) {
                steps.add(new Answered(hashConflict(
                        file,
                        "this family stores md5 " + file.content().md5() + " with "
                                + conflict.existing().content().size().bytes() + " bytes")));
            } else {
                steps.add(new Upload(file));
            }
        }
        return steps;
    }

    /** Reserves slots within the quota, then signs a form for each; the files over quota are rejected. */
    private Map<String, PreparedItem> openSlots(Placement placement, List<AdmittedFile> files) {
        if (files.isEmpty()) {
            return Map.of();
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.rules().policyTtl());
        Map<UploadId, AdmittedFile> fileBySlot = new HashMap<>();
        List<UploadSlot> candidates = new ArrayList<>(files.size());
        for (AdmittedFile file : files) {
            UploadId id = UploadId.newId();
            UploadSlot slot = UploadSlot.open(
                    id,
                    placement,
                    uploadKey(placement, id, file),
                    file.name(),
                    file.format(),
                    file.content(),
                    file.source().capturedAt(),
                    now,
                    expiresAt);
            candidates.add(slot);
            fileBySlot.put(id, file);
        }
        List<UploadSlot> reserved = reservations.reserve(placement.familyId(), candidates);
        Map<String, PreparedItem> items = new HashMap<>();
        try {
            // one batch: the signer derives what the forms share once (issue 14)
            List<UploadForm> forms =
                    signer.signAll(reserved.stream().map(this::formRequest).toList());
            for (int i = 0; i < reserved.size(); i++) {
                UploadSlot slot = reserved.get(i);
                String clientRef = fileBySlot.remove(slot.id()).clientRef();
                items.put(clientRef, new PreparedItem.Upload(clientRef, slot.id(), forms.get(i)));
            }
        } catch (RuntimeException signingFailed) {
            reservations.release(reserved);
            throw signingFailed;
        }
        for (AdmittedFile overQuota : fileBySlot.values()) {
            items.put(
                    overQuota.clientRef(),
                    new PreparedItem.Rejected(
                            overQuota.clientRef(),
                            ErrorCode.QUOTA_EXCEEDED,
                            "this family's storage quota ("
                                    + settings.quota().maxBytes().bytes() + " bytes, "
                                    + settings.quota().maxFiles() + " files) has no room for "
                                    + overQuota.content().size().bytes()
                                    + " more bytes"));
        }
        return items;
    }

    /** The content key where forms cannot overwrite, else a key of this slot's own. */
    private ObjectKey uploadKey(Placement placement, UploadId id, AdmittedFile file) {
        return signer.canForbidOverwrite()
                ? ObjectKey.forContent(placement.familyId(), file.content().md5(), file.format())
                : ObjectKey.forStaging(placement.familyId(), id.value(), file.format());
    }

    private UploadFormRequest formRequest(UploadSlot slot) {
        return new UploadFormRequest(
                slot.familyId(),
                new KeyCondition.Exact(slot.key()),
                SizeRange.exactly(slot.content().size()),
                Set.of(slot.format().contentType()),
                settings.rules().policyTtl(),
                signer.canForbidOverwrite(),
                callbackUrl.map(url -> new UploadCallbackRequest(url, slot.id())));
    }

    private Verdict admit(DeclaredFile file) {
        try {
            FileName name = new FileName(file.name());
            ContentHash hash = new ContentHash(file.md5());
            if (file.size() == null) {
                throw new InvalidValueException(ErrorCode.INVALID_SIZE, "size is required");
            }
            ByteSize size = new ByteSize(file.size());
            FileFormat format = settings.rules().admit(file.type(), name, size);
            return new AdmittedFile(file, name, new FileContent(hash, size), format);
        } catch (InvalidValueException e) {
            return new Refused(new PreparedItem.Rejected(file.clientRef(), e.code(), e.getMessage()));
        }
    }

    private static PreparedItem.Rejected hashConflict(AdmittedFile file, String why) {
        return new PreparedItem.Rejected(
                file.clientRef(),
                ErrorCode.HASH_CONFLICT,
                "md5 " + file.content().md5() + " with " + file.content().size().bytes() + " bytes conflicts: " + why);
    }

    /** What prepare does with one file. */
    private sealed interface Step permits Answered, RecordInstant, Upload {}

    /** The answer is known without writing anything. */
    private record Answered(PreparedItem item) implements Step {}

    /** 秒传 against the family's verified object; an upload after all if the object is gone by then. */
    private record RecordInstant(AdmittedFile file, StoredObject existing) implements Step {}

    /** The bytes must be uploaded, within the quota. */
    private record Upload(AdmittedFile file) implements Step {}

    /** How one declared file fared against the per-file rules. */
    private sealed interface Verdict permits AdmittedFile, Refused {}

    /** A declared file that broke a per-file rule, with the answer for it. */
    private record Refused(PreparedItem.Rejected answer) implements Verdict {}

    /** A declared file that passed every per-file rule. */
    private record AdmittedFile(DeclaredFile source, FileName name, FileContent content, FileFormat format)
            implements Verdict {
        String clientRef() {
            return source.clientRef();
        }
    }
}
