package dev.directupload.application.contract;

import dev.directupload.application.harness.InMemoryMetadataStore;
import dev.directupload.application.port.out.TransactionPort;
import dev.directupload.application.port.out.album.AlbumPort;
import dev.directupload.application.port.out.family.FamilyPort;
import dev.directupload.application.port.out.family.FamilyUsagePort;
import dev.directupload.application.port.out.family.InvitePort;
import dev.directupload.application.port.out.family.MembershipPort;
import dev.directupload.application.port.out.identity.LoadUserPort;
import dev.directupload.application.port.out.identity.SaveUserPort;
import dev.directupload.application.port.out.media.DeleteMediaFilePort;
import dev.directupload.application.port.out.media.LoadMediaFilePort;
import dev.directupload.application.port.out.media.LoadStoredObjectsPort;
import dev.directupload.application.port.out.media.ObjectKeyGuardPort;
import dev.directupload.application.port.out.media.PendingDeletionPort;
import dev.directupload.application.port.out.media.SaveMediaFilePort;
import dev.directupload.application.port.out.media.SaveStoredObjectPort;
import dev.directupload.application.port.out.upload.LoadUploadSlotPort;
import dev.directupload.application.port.out.upload.SaveUploadSlotPort;
import dev.directupload.application.port.out.upload.SweepLeasePort;

/** Every persistence out-port of one implementation, as the contract tests use them. */
public record PersistencePorts(
        LoadUserPort loadUsers,
        SaveUserPort saveUsers,
        FamilyPort families,
        MembershipPort memberships,
        InvitePort invites,
        AlbumPort albums,
        LoadStoredObjectsPort loadObjects,
        SaveStoredObjectPort saveObjects,
        LoadMediaFilePort loadFiles,
        SaveMediaFilePort saveFiles,
        DeleteMediaFilePort deleteFiles,
        PendingDeletionPort deletions,
        LoadUploadSlotPort loadSlots,
        SaveUploadSlotPort saveSlots,
        ObjectKeyGuardPort keyGuard,
        FamilyUsagePort usage,
        SweepLeasePort leases,
        TransactionPort transactions) {

    public static PersistencePorts of(InMemoryMetadataStore store) {
        return new PersistencePorts(
                store.users,
                store.users,
                store.families,
                store.families,
                store.families,
                store.albums,
                store.media,
                store.media,
                store.media,
                store.media,
                store.media,
                store.media,
                store.uploads,
                store.uploads,
                store.keyGuard,
                store.usage,
                store.leases,
                store.transactions);
    }
}
