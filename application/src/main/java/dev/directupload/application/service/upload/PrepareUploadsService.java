package dev.directupload.application.service.upload;

import dev.directupload.application.port.in.upload.DeclaredFile;
import dev.directupload.application.port.in.upload.PrepareUploadsCommand;
import dev.directupload.application.port.in.upload.PrepareUploadsUseCase;
import dev.directupload.application.port.in.upload.PreparedItem;
import dev.directupload.application.port.model.UploadForm;
import dev.directupload.application.port.out.media.LoadStoredObjectsPort;
import dev.directupload.application.port.out.media.SaveMediaFilePort;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.application.port.out.upload.SaveUploadSlotPort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.application.service.media.PhotoUrls;
import dev.directupload.application.service.media.UploadSettings;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.media.FileName;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.media.Placement;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.storage.StoredObject;
import dev.directupload.domain.upload.DedupeDecision;
import dev.directupload.domain.upload.DedupeRule;
import dev.directupload.domain.upload.UploadSlot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Prepares uploads: per file, instant (秒传), a signed slot on its content-addressed key, or a rejection. */
public final class PrepareUploadsService implements PrepareUploadsUseCase {

    private final FamilyAccess access;
    private final LoadStoredObjectsPort storedObjects;
    private final SaveMediaFilePort mediaFiles;
    private final SaveUploadSlotPort slots;
    private final SignUploadFormPort signer;
    private final PhotoUrls photoUrls;
    private final UploadSettings settings;
    private final Clock clock;

    public PrepareUploadsService(
            FamilyAccess access,
            LoadStoredObjectsPort storedObjects,
            SaveMediaFilePort mediaFiles,
            SaveUploadSlotPort slots,
            SignUploadFormPort signer,
            PhotoUrls photoUrls,
            UploadSettings settings,
            Clock clock) {
        this.access = access;
        this.storedObjects = storedObjects;
        this.mediaFiles = mediaFiles;
        this.slots = slots;
        this.signer = signer;
        this.photoUrls = photoUrls;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public List<PreparedItem> prepare(PrepareUploadsCommand command) {
        Album album = access.requireAlbumIn(command.album(), command.family(), command.caller());
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

        Map<ContentHash, AdmittedFile> firstByHash = new HashMap<>();
        List<PreparedItem> items = new ArrayList<>(judged.size());
        for (Verdict verdict : judged) {
            if (verdict instanceof Refused refused) {
                items.add(refused.answer());
                continue;
            }
            AdmittedFile file = (AdmittedFile) verdict;
            AdmittedFile first = firstByHash.putIfAbsent(file.content().md5(), file);
            if (first != null) {
                items.add(
                        first.content().equals(file.content())
                                ? new PreparedItem.Duplicate(file.clientRef(), first.clientRef())
                                : hashConflict(
                                        file,
                                        "file " + first.clientRef() + " of this request has this md5 and "
                                                + first.content().size().bytes() + " bytes"));
                continue;
            }
            items.add(decide(command, album, file, known));
        }
        return items;
    }

    private PreparedItem decide(
            PrepareUploadsCommand command, Album album, AdmittedFile file, List<StoredObject> known) {
        DedupeDecision decision = DedupeRule.decide(command.family(), file.content(), known);
        if (decision instanceof DedupeDecision.Instant instant) {
            MediaFile photo = mediaFiles.saveIfAbsent(MediaFile.record(
                    placement(command, album),
                    file.name(),
                    instant.existing(),
                    file.source().capturedAt(),
                    clock.instant()));
            return new PreparedItem.Instant(file.clientRef(), photoUrls.withUrl(photo));
        }
        if (decision instanceof DedupeDecision.HashConflict conflict) {
            return hashConflict(
                    file,
                    "this family stores md5 " + file.content().md5() + " with "
                            + conflict.existing().content().size().bytes() + " bytes");
        }
        ObjectKey key = known.stream()
                .filter(o -> o.content().equals(file.content()))
                .map(StoredObject::key)
                .findFirst()
                .orElseGet(() ->
                        ObjectKey.forContent(command.family(), file.content().md5(), file.format()));
        UploadForm form = signer.sign(new UploadFormRequest(
                command.family(),
                new KeyCondition.Exact(key),
                SizeRange.exactly(file.content().size()),
                Set.of(file.format().contentType()),
                settings.rules().policyTtl()));
        UploadSlot slot = UploadSlot.open(
                placement(command, album),
                key,
                file.name(),
                file.format(),
                file.content(),
                file.source().capturedAt(),
                clock.instant(),
                form.expiresAt());
        slots.saveSlot(slot);
        return new PreparedItem.Upload(file.clientRef(), slot.id(), form);
    }

    private static Placement placement(PrepareUploadsCommand command, Album album) {
        return new Placement(command.family(), album.id(), command.caller());
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
