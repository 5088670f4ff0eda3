package dev.directupload.bootstrap;

import dev.directupload.application.port.out.TransactionPort;
import dev.directupload.application.port.out.album.AlbumPort;
import dev.directupload.application.port.out.album.LoadAlbumPort;
import dev.directupload.application.port.out.family.FamilyPort;
import dev.directupload.application.port.out.family.InvitePort;
import dev.directupload.application.port.out.family.LoadMembershipPort;
import dev.directupload.application.port.out.family.MembershipPort;
import dev.directupload.application.port.out.identity.LoadUserPort;
import dev.directupload.application.port.out.identity.SaveUserPort;
import dev.directupload.application.port.out.identity.WechatSessionPort;
import dev.directupload.application.port.out.media.DeleteMediaFilePort;
import dev.directupload.application.port.out.media.LoadMediaFilePort;
import dev.directupload.application.port.out.media.LoadStoredObjectsPort;
import dev.directupload.application.port.out.media.PendingDeletionPort;
import dev.directupload.application.port.out.media.SaveMediaFilePort;
import dev.directupload.application.port.out.media.SaveStoredObjectPort;
import dev.directupload.application.port.out.storage.DeleteObjectPort;
import dev.directupload.application.port.out.storage.InspectObjectPort;
import dev.directupload.application.port.out.storage.PresignDownloadPort;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.upload.LoadUploadSlotPort;
import dev.directupload.application.port.out.upload.SaveUploadSlotPort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.application.service.album.AlbumServices;
import dev.directupload.application.service.family.FamilyServices;
import dev.directupload.application.service.identity.DevLoginService;
import dev.directupload.application.service.identity.UserRegistry;
import dev.directupload.application.service.identity.WechatLoginService;
import dev.directupload.application.service.photo.PhotoServices;
import dev.directupload.application.service.seed.CheckHashesService;
import dev.directupload.application.service.seed.RecordPhotosService;
import dev.directupload.application.service.seed.SignPrefixPolicyService;
import dev.directupload.application.service.upload.CompleteUploadService;
import dev.directupload.application.service.upload.ObjectJanitor;
import dev.directupload.application.service.upload.PhotoUrls;
import dev.directupload.application.service.upload.PrepareUploadsService;
import dev.directupload.application.service.upload.SweepUploadsService;
import dev.directupload.application.service.upload.UploadSettings;
import dev.directupload.application.service.upload.UploadVerifier;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the framework-free use cases to whichever adapters the configuration selected. */
@Factory
class UseCaseFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
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
    FamilyServices familyServices(
            FamilyPort families,
            MembershipPort memberships,
            InvitePort invites,
            FamilyAccess access,
            TransactionPort transactions,
            Clock clock) {
        return new FamilyServices(families, memberships, invites, access, transactions, clock);
    }

    @Singleton
    AlbumServices albumServices(AlbumPort albums, FamilyAccess access, Clock clock) {
        return new AlbumServices(albums, access, clock);
    }

    @Singleton
    PhotoUrls photoUrls(PresignDownloadPort presigner, UploadSettings settings) {
        return new PhotoUrls(presigner, settings.downloadUrlTtl());
    }

    @Singleton
    UploadVerifier uploadVerifier(
            InspectObjectPort inspector,
            ObjectJanitor janitor,
            SaveStoredObjectPort storedObjectWriter,
            SaveMediaFilePort mediaFileWriter,
            SaveUploadSlotPort slots,
            TransactionPort transactions,
            Clock clock) {
        return new UploadVerifier(inspector, janitor, storedObjectWriter, mediaFileWriter, slots, transactions, clock);
    }

    @Singleton
    PrepareUploadsService prepareUploads(
            FamilyAccess access,
            LoadStoredObjectsPort storedObjects,
            SaveMediaFilePort mediaFiles,
            SaveUploadSlotPort slots,
            SignUploadFormPort signer,
            PhotoUrls photoUrls,
            UploadSettings settings,
            Clock clock) {
        return new PrepareUploadsService(access, storedObjects, mediaFiles, slots, signer, photoUrls, settings, clock);
    }

    @Singleton
    CompleteUploadService completeUpload(
            LoadUploadSlotPort slots,
            LoadMediaFilePort mediaFiles,
            FamilyAccess access,
            UploadVerifier verifier,
            PhotoUrls photoUrls) {
        return new CompleteUploadService(slots, mediaFiles, access, verifier, photoUrls);
    }

    @Singleton
    ObjectJanitor objectJanitor(
            PendingDeletionPort pending,
            LoadStoredObjectsPort storedObjects,
            LoadMediaFilePort mediaFiles,
            DeleteObjectPort deleter) {
        return new ObjectJanitor(pending, storedObjects, mediaFiles, deleter);
    }

    @Singleton
    SignPrefixPolicyService signPrefixPolicy(FamilyAccess access, SignUploadFormPort signer, UploadSettings settings) {
        return new SignPrefixPolicyService(access, signer, settings);
    }

    @Singleton
    CheckHashesService checkHashes(FamilyAccess access, LoadStoredObjectsPort storedObjects) {
        return new CheckHashesService(access, storedObjects);
    }

    @Singleton
    RecordPhotosService recordPhotos(
            FamilyAccess access,
            InspectObjectPort inspector,
            LoadStoredObjectsPort storedObjects,
            SaveStoredObjectPort storedObjectWriter,
            SaveMediaFilePort mediaFiles,
            ObjectJanitor janitor,
            PhotoUrls photoUrls,
            UploadSettings settings,
            TransactionPort transactions,
            Clock clock) {
        return new RecordPhotosService(
                access,
                inspector,
                storedObjects,
                storedObjectWriter,
                mediaFiles,
                janitor,
                photoUrls,
                settings,
                transactions,
                clock);
    }

    @Singleton
    PhotoServices photoServices(
            FamilyAccess access,
            LoadMembershipPort memberships,
            LoadMediaFilePort mediaFiles,
            DeleteMediaFilePort deletions,
            PendingDeletionPort pending,
            ObjectJanitor janitor,
            PhotoUrls photoUrls,
            TransactionPort transactions,
            Clock clock) {
        return new PhotoServices(
                access, memberships, mediaFiles, deletions, pending, janitor, photoUrls, transactions, clock);
    }

    @Singleton
    SweepUploadsService sweepUploads(
            LoadUploadSlotPort slots,
            SaveUploadSlotPort slotWriter,
            UploadVerifier verifier,
            ObjectJanitor janitor,
            Clock clock,
            UploadProperties properties) {
        return new SweepUploadsService(slots, slotWriter, verifier, janitor, clock, properties.sweepGrace());
    }
}
