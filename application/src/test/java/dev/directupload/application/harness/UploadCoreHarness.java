package dev.directupload.application.harness;

import dev.directupload.application.port.in.upload.DeclaredFile;
import dev.directupload.application.port.in.upload.PrepareUploadsCommand;
import dev.directupload.application.port.in.upload.PreparedItem;
import dev.directupload.application.port.out.media.LoadStoredObjectsPort;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.application.service.album.DeleteAlbumService;
import dev.directupload.application.service.compat.CheckHashesService;
import dev.directupload.application.service.compat.RecordPhotosService;
import dev.directupload.application.service.compat.SignPrefixPolicyService;
import dev.directupload.application.service.media.FulfilledUploads;
import dev.directupload.application.service.media.ObjectJanitor;
import dev.directupload.application.service.media.PhotoUrls;
import dev.directupload.application.service.media.PhotoWriter;
import dev.directupload.application.service.media.StoredBytesVerifier;
import dev.directupload.application.service.media.UploadRecorder;
import dev.directupload.application.service.media.UploadSettings;
import dev.directupload.application.service.photo.DeletePhotoService;
import dev.directupload.application.service.photo.ListAlbumPhotosService;
import dev.directupload.application.service.upload.CompleteUploadService;
import dev.directupload.application.service.upload.ExpiredSlotSweep;
import dev.directupload.application.service.upload.InstantPhotos;
import dev.directupload.application.service.upload.OrphanObjectSweep;
import dev.directupload.application.service.upload.PrepareUploadsService;
import dev.directupload.application.service.upload.SweepUploadsService;
import dev.directupload.application.service.upload.UploadReservations;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.family.Family;
import dev.directupload.domain.family.Membership;
import dev.directupload.domain.family.Role;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.DisplayName;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The upload core wired on in-memory ports: no database, no store, no framework. */
public final class UploadCoreHarness {

    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T19:00:00Z"));
    public final InMemoryMetadataStore metadata = new InMemoryMetadataStore();
    public final InMemoryObjectStorage storage;
    public final UploadSettings settings;
    public final FamilyAccess access = new FamilyAccess(metadata.families, metadata.albums);
    public final PhotoUrls photoUrls;
    public final UploadRecorder recorder;
    public final PrepareUploadsService prepare;
    public final CompleteUploadService complete;
    public final ObjectJanitor janitor;
    public final FulfilledUploads fulfilled;
    public final SignPrefixPolicyService signPrefix;
    public final CheckHashesService checkHashes;
    public final RecordPhotosService recordPhotos;
    public final ListAlbumPhotosService listPhotos;
    public final DeletePhotoService deletePhoto;
    public final DeleteAlbumService deleteAlbum;
    public final SweepUploadsService sweeper;

    /** The core on a store like OSS (forms forbid overwriting), with the default settings. */
    public UploadCoreHarness() {
        this(UploadSettings.defaults());
    }

    public UploadCoreHarness(UploadSettings settings) {
        this(settings, true);
    }

    /** @param formsForbidOverwrite false: a store like S3/MinIO (staging keys, promotion by copy) */
    public UploadCoreHarness(UploadSettings settings, boolean formsForbidOverwrite) {
        this.settings = settings;
        storage = new InMemoryObjectStorage(clock, formsForbidOverwrite);
        photoUrls = new PhotoUrls(storage, settings.downloadUrlTtl());
        janitor = new ObjectJanitor(metadata.media, metadata.keyGuard, storage, metadata.transactions, clock);
        fulfilled = new FulfilledUploads(metadata.uploads, metadata.uploads, janitor);
        recorder = new UploadRecorder(
                new StoredBytesVerifier(storage, metadata.media, settings.rules()),
                storage,
                new PhotoWriter(metadata.media, metadata.media, metadata.uploads, fulfilled, clock),
                janitor,
                metadata.keyGuard,
                metadata.transactions);
        prepare = prepareWith(metadata.media, storage);
        complete = new CompleteUploadService(metadata.uploads, metadata.media, access, recorder, photoUrls);
        signPrefix = new SignPrefixPolicyService(
                metadata.families, metadata.albums, metadata.usage, storage, settings, clock);
        checkHashes = new CheckHashesService(access, metadata.media);
        recordPhotos = new RecordPhotosService(access, metadata.media, recorder, janitor, photoUrls, settings);
        listPhotos = new ListAlbumPhotosService(access, metadata.media, photoUrls);
        deletePhoto = new DeletePhotoService(
                metadata.families,
                metadata.media,
                metadata.media,
                metadata.media,
                janitor,
                metadata.transactions,
                clock);
        deleteAlbum = new DeleteAlbumService(metadata.albums, metadata.uploads, janitor, access, metadata.transactions);
        sweeper = new SweepUploadsService(
                new ExpiredSlotSweep(
                        metadata.uploads,
                        metadata.uploads,
                        metadata.families,
                        recorder,
                        janitor,
                        ExpiredSlotSweep.GRACE,
                        clock),
                new OrphanObjectSweep(
                        storage, metadata.keyGuard, metadata.uploads, metadata.families, recorder, janitor),
                metadata.uploads,
                janitor,
                settings,
                clock);
    }

    /** A family with one owner and one album. */
    public FamilyFixture family(String ownerName) {
        UserId owner = new UserId("u_" + ownerName);
        Family family = Family.create(new DisplayName(ownerName + " family"), clock.instant());
        metadata.addMembership(new Membership(family.id(), owner, Role.OWNER, clock.instant()));
        Album album = Album.create(family.id(), new DisplayName("album"), clock.instant());
        metadata.addAlbum(album);
        return new FamilyFixture(family, owner, album);
    }

    public Album addAlbum(FamilyFixture fixture, String name) {
        Album album = Album.create(fixture.family().id(), new DisplayName(name), clock.instant());
        metadata.addAlbum(album);
        return album;
    }

    public UserId addMember(FamilyFixture fixture, String name) {
        UserId user = new UserId("u_" + name);
        metadata.addMembership(new Membership(fixture.family().id(), user, Role.MEMBER, clock.instant()));
        return user;
    }

    /** {@code caller} prepares one JPEG of {@code bytes} ("IMG_0.jpg") into {@code album}: the prepare's one answer. */
    public PreparedItem prepareJpeg(UserId caller, FamilyFixture fixture, Album album, byte[] bytes) {
        DeclaredFile file = new DeclaredFile(
                "0", "IMG_0.jpg", (long) bytes.length, "image/jpeg", InMemoryObjectStorage.md5(bytes), null);
        return prepare.prepare(
                        new PrepareUploadsCommand(caller, fixture.family().id(), album.id(), List.of(file)))
                .get(0);
    }

    /** A prepare like {@link #prepare}, that finds stored objects through {@code lookups} and signs with {@code signer}. */
    public PrepareUploadsService prepareWith(LoadStoredObjectsPort lookups, SignUploadFormPort signer) {
        return prepareWith(lookups, signer, Optional.empty());
    }

    /** {@link #prepareWith(LoadStoredObjectsPort, SignUploadFormPort)}, its forms calling back {@code callbackUrl}. */
    public PrepareUploadsService prepareWith(
            LoadStoredObjectsPort lookups, SignUploadFormPort signer, Optional<URI> callbackUrl) {
        return new PrepareUploadsService(
                access,
                lookups,
                new InstantPhotos(metadata.media, fulfilled, photoUrls, clock),
                new UploadReservations(
                        metadata.usage, metadata.uploads, metadata.uploads, metadata.transactions, settings),
                signer,
                settings,
                callbackUrl,
                clock);
    }

    /** A family, its owner and an album of it. */
    public record FamilyFixture(Family family, UserId owner, Album album) {}
}
