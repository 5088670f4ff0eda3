package dev.directupload.bootstrap;

import dev.directupload.application.port.out.TransactionPort;
import dev.directupload.application.port.out.album.AlbumPort;
import dev.directupload.application.port.out.album.LoadAlbumPort;
import dev.directupload.application.port.out.family.FamilyPort;
import dev.directupload.application.port.out.family.FamilyUsagePort;
import dev.directupload.application.port.out.family.InvitePort;
import dev.directupload.application.port.out.family.LoadMembershipPort;
import dev.directupload.application.port.out.family.MembershipPort;
import dev.directupload.application.port.out.identity.LoadUserPort;
import dev.directupload.application.port.out.identity.SaveUserPort;
import dev.directupload.application.port.out.identity.WechatSessionPort;
import dev.directupload.application.port.out.media.DeleteMediaFilePort;
import dev.directupload.application.port.out.media.LoadMediaFilePort;
import dev.directupload.application.port.out.media.LoadStoredObjectsPort;
import dev.directupload.application.port.out.media.ObjectKeyGuardPort;
import dev.directupload.application.port.out.media.PendingDeletionPort;
import dev.directupload.application.port.out.media.SaveMediaFilePort;
import dev.directupload.application.port.out.media.SaveStoredObjectPort;
import dev.directupload.application.port.out.storage.CopyObjectPort;
import dev.directupload.application.port.out.storage.DeleteObjectPort;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.ListObjectsPort;
import dev.directupload.application.port.out.storage.PresignDownloadPort;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.upload.LoadUploadSlotPort;
import dev.directupload.application.port.out.upload.SaveUploadSlotPort;
import dev.directupload.application.port.out.upload.SweepLeasePort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.application.service.album.CreateAlbumService;
import dev.directupload.application.service.album.DeleteAlbumService;
import dev.directupload.application.service.album.ListAlbumsService;
import dev.directupload.application.service.album.RenameAlbumService;
import dev.directupload.application.service.compat.CheckHashesService;
import dev.directupload.application.service.compat.RecordPhotosService;
import dev.directupload.application.service.compat.SignPrefixPolicyService;
import dev.directupload.application.service.family.AcceptInviteService;
import dev.directupload.application.service.family.CreateFamilyService;
import dev.directupload.application.service.family.CreateInviteService;
import dev.directupload.application.service.family.GetFamilyService;
import dev.directupload.application.service.family.ListFamiliesService;
import dev.directupload.application.service.family.RemoveMemberService;
import dev.directupload.application.service.identity.DevLoginService;
import dev.directupload.application.service.identity.UserRegistry;
import dev.directupload.application.service.identity.WechatLoginService;
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
import dev.directupload.application.service.upload.ExclusiveSweep;
import dev.directupload.application.service.upload.ExpiredSlotSweep;
import dev.directupload.application.service.upload.InstantPhotos;
import dev.directupload.application.service.upload.OrphanObjectSweep;
import dev.directupload.application.service.upload.PrepareUploadsService;
import dev.directupload.application.service.upload.SweepUploadsService;
import dev.directupload.application.service.upload.UploadReservations;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the framework-free use cases to whichever adapters the configuration selected. */
@Factory
class UseCaseFactory {

    private static final Logger LOG = LoggerFactory.getLogger(UseCaseFactory.class);

    /**
     * The sweeper's lease lasts this many sweep intervals: a live holder renews it every turn, and the lease of one
     * that died (SIGKILL, no release) runs out within a few turns, so the restarted or another instance takes over.
     */
    private static final int SWEEP_LEASE_TURNS = 3;

    /** This process, as the holder of leases: host, pid and a random part. */
    private static String instanceName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Built at start (after the settings check), so no request is the first to build it. */
    @Context
    UploadSettings uploadSettings(UploadProperties properties) {
        return properties.toSettings();
    }

    @Singleton
    FamilyAccess familyAccess(LoadMembershipPort memberships, LoadAlbumPort albums) {
        return new FamilyAccess(memberships, albums);
    }

    @Singleton
    UserRegistry userRegistry(LoadUserPort users, SaveUserPort registrations, Clock clock) {
        return new UserRegistry(users, registrations, clock);
    }

    @Singleton
    WechatLoginService wechatLogin(WechatSessionPort wechat, UserRegistry registry) {
        return new WechatLoginService(wechat, registry);
    }

    @Singleton
    DevLoginService devLogin(UserRegistry registry) {
        return new DevLoginService(registry);
    }

    @Singleton
    CreateFamilyService createFamily(
            FamilyPort families, MembershipPort memberships, TransactionPort transactions, Clock clock) {
        return new CreateFamilyService(families, memberships, transactions, clock);
    }

    @Singleton
    ListFamiliesService listFamilies(FamilyPort families, MembershipPort memberships) {
        return new ListFamiliesService(families, memberships);
    }

    @Singleton
    GetFamilyService getFamily(
            FamilyPort families,
            MembershipPort memberships,
            FamilyAccess access,
            FamilyUsagePort usage,
            UploadSettings settings) {
        return new GetFamilyService(families, memberships, access, usage, settings.quota());
    }

    @Singleton
    CreateInviteService createInvite(InvitePort invites, FamilyAccess access, Clock clock) {
        return new CreateInviteService(invites, access, clock);
    }

    @Singleton
    AcceptInviteService acceptInvite(
            FamilyPort families,
            MembershipPort memberships,
            InvitePort invites,
            TransactionPort transactions,
            Clock clock) {
        return new AcceptInviteService(families, memberships, invites, transactions, clock);
    }

    @Singleton
    RemoveMemberService removeMember(MembershipPort memberships, FamilyAccess access) {
        return new RemoveMemberService(memberships, access);
    }

    @Singleton
    CreateAlbumService createAlbum(AlbumPort albums, FamilyAccess access, Clock clock) {
        return new CreateAlbumService(albums, access, clock);
    }

    @Singleton
    ListAlbumsService listAlbums(AlbumPort albums, FamilyAccess access) {
        return new ListAlbumsService(albums, access);
    }

    @Singleton
    RenameAlbumService renameAlbum(AlbumPort albums, FamilyAccess access) {
        return new RenameAlbumService(albums, access);
    }

    @Singleton
    DeleteAlbumService deleteAlbum(
            AlbumPort albums,
            LoadUploadSlotPort slots,
            ObjectJanitor janitor,
            FamilyAccess access,
            TransactionPort transactions) {
        return new DeleteAlbumService(albums, slots, janitor, access, transactions);
    }

    @Singleton
    PhotoUrls photoUrls(PresignDownloadPort presigner, UploadSettings settings) {
        return new PhotoUrls(presigner, settings.downloadUrlTtl());
    }

    @Singleton
    FulfilledUploads fulfilledUploads(LoadUploadSlotPort slots, SaveUploadSlotPort slotWriter, ObjectJanitor janitor) {
        return new FulfilledUploads(slots, slotWriter, janitor);
    }

    @Singleton
    UploadRecorder uploadRecorder(
            InspectObjectPort inspector,
            LoadStoredObjectsPort storedObjects,
            SaveStoredObjectPort storedObjectWriter,
            SaveMediaFilePort mediaFileWriter,
            SaveUploadSlotPort slots,
            FulfilledUploads fulfilled,
            CopyObjectPort copier,
            ObjectJanitor janitor,
            ObjectKeyGuardPort guard,
            TransactionPort transactions,
            UploadSettings settings,
            Clock clock) {
        return new UploadRecorder(
                new StoredBytesVerifier(inspector, storedObjects, settings.rules()),
                copier,
                new PhotoWriter(storedObjectWriter, mediaFileWriter, slots, fulfilled, clock),
                janitor,
                guard,
                transactions);
    }

    @Singleton
    PrepareUploadsService prepareUploads(
            FamilyAccess access,
            LoadStoredObjectsPort storedObjects,
            SaveMediaFilePort mediaFiles,
            FamilyUsagePort usage,
            LoadUploadSlotPort slots,
            SaveUploadSlotPort slotWriter,
            FulfilledUploads fulfilled,
            TransactionPort transactions,
            SignUploadFormPort signer,
            PhotoUrls photoUrls,
            UploadSettings settings,
            CallbackProperties callback,
            Clock clock) {
        if (callback.uri().isPresent() && !signer.canCallBack()) {
            LOG.warn("oss.callback.url is set, but this store's upload forms cannot carry a callback (S3/MinIO has "
                    + "none): clients complete their uploads, as without it");
        }
        return new PrepareUploadsService(
                access,
                storedObjects,
                new InstantPhotos(mediaFiles, fulfilled, photoUrls, clock),
                new UploadReservations(usage, slots, slotWriter, transactions, settings),
                signer,
                settings,
                callback.uri(),
                clock);
    }

    @Singleton
    CompleteUploadService completeUpload(
            LoadUploadSlotPort slots,
            LoadMediaFilePort mediaFiles,
            FamilyAccess access,
            UploadRecorder recorder,
            PhotoUrls photoUrls) {
        return new CompleteUploadService(slots, mediaFiles, access, recorder, photoUrls);
    }

    @Singleton
    ObjectJanitor objectJanitor(
            PendingDeletionPort pending,
            ObjectKeyGuardPort guard,
            DeleteObjectPort deleter,
            TransactionPort transactions,
            Clock clock) {
        return new ObjectJanitor(pending, guard, deleter, transactions, clock);
    }

    @Singleton
    SignPrefixPolicyService signPrefixPolicy(
            LoadMembershipPort memberships,
            LoadAlbumPort albums,
            FamilyUsagePort usage,
            SignUploadFormPort signer,
            UploadSettings settings,
            Clock clock) {
        return new SignPrefixPolicyService(memberships, albums, usage, signer, settings, clock);
    }

    @Singleton
    CheckHashesService checkHashes(FamilyAccess access, LoadStoredObjectsPort storedObjects) {
        return new CheckHashesService(access, storedObjects);
    }

    @Singleton
    RecordPhotosService recordPhotos(
            FamilyAccess access,
            LoadMediaFilePort mediaFiles,
            UploadRecorder recorder,
            ObjectJanitor janitor,
            PhotoUrls photoUrls,
            UploadSettings settings) {
        return new RecordPhotosService(access, mediaFiles, recorder, janitor, photoUrls, settings);
    }

    @Singleton
    ListAlbumPhotosService listAlbumPhotos(FamilyAccess access, LoadMediaFilePort mediaFiles, PhotoUrls photoUrls) {
        return new ListAlbumPhotosService(access, mediaFiles, photoUrls);
    }

    @Singleton
    DeletePhotoService deletePhoto(
            LoadMembershipPort memberships,
            LoadMediaFilePort mediaFiles,
            DeleteMediaFilePort deletions,
            PendingDeletionPort pending,
            ObjectJanitor janitor,
            TransactionPort transactions,
            Clock clock) {
        return new DeletePhotoService(memberships, mediaFiles, deletions, pending, janitor, transactions, clock);
    }

    @Singleton
    ExclusiveSweep sweepUploads(
            LoadUploadSlotPort slots,
            SaveUploadSlotPort slotWriter,
            LoadMembershipPort memberships,
            ListObjectsPort lister,
            ObjectKeyGuardPort guard,
            UploadRecorder recorder,
            ObjectJanitor janitor,
            UploadSettings settings,
            UploadProperties properties,
            SweepLeasePort leases,
            Clock clock) {
        SweepUploadsService sweep = new SweepUploadsService(
                new ExpiredSlotSweep(slots, slotWriter, memberships, recorder, janitor, properties.sweepGrace(), clock),
                new OrphanObjectSweep(lister, guard, slots, memberships, recorder, janitor),
                slotWriter,
                janitor,
                settings,
                clock);
        return new ExclusiveSweep(
                sweep, leases, instanceName(), properties.sweepInterval().multipliedBy(SWEEP_LEASE_TURNS), clock);
    }
}
