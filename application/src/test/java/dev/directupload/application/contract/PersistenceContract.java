package dev.directupload.application.contract;

import dev.directupload.domain.album.Album;
import dev.directupload.domain.family.Family;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.family.Membership;
import dev.directupload.domain.family.Role;
import dev.directupload.domain.identity.ExternalIdentity;
import dev.directupload.domain.identity.User;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.media.FileName;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.media.MediaFileId;
import dev.directupload.domain.media.Placement;
import dev.directupload.domain.shared.DisplayName;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.storage.StoredObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Base of the persistence contract tests: what every implementation of the persistence out-ports must do,
 * whether in memory or in a database. Subclasses supply the ports; each test creates its own users, families
 * and albums with fresh ids, so tests may share one database. Instants carry at most microseconds, the
 * precision every implementation keeps.
 */
public abstract class PersistenceContract {

    /** A fixed instant with microsecond digits, to prove they survive a round trip. */
    protected static final Instant T0 = Instant.parse("2026-11-29T19:00:00.123456Z");

    protected abstract PersistencePorts ports();

    protected User newUser() {
        return ports().saveUsers().saveIfAbsent(User.register(ExternalIdentity.dev("dev-" + unique()), null, T0));
    }

    /** A saved family whose owner is a new saved user. */
    protected Family newFamily(UserId owner) {
        Family family = Family.create(new DisplayName("family " + unique()), T0);
        ports().families().saveFamily(family);
        ports().memberships().saveIfAbsent(new Membership(family.id(), owner, Role.OWNER, T0));
        return family;
    }

    protected Album newAlbum(FamilyId family, Instant createdAt) {
        Album album = Album.create(family, new DisplayName("album " + unique()), createdAt);
        ports().albums().insertAlbum(album);
        return album;
    }

    /** A VERIFIED stored object of {@code family}, saved. */
    protected StoredObject newObject(FamilyId family, ContentHash hash, long size) {
        return ports().saveObjects().saveIfAbsent(verified(family, hash, size, T0));
    }

    protected static StoredObject verified(FamilyId family, ContentHash hash, long size, Instant at) {
        return StoredObject.verified(
                family,
                new FileContent(hash, ByteSize.ofBytes(size)),
                ObjectKey.forContent(family, hash, FileFormat.JPEG),
                FileFormat.JPEG,
                at);
    }

    /** A photo with a chosen id and creation time, not saved. */
    protected static MediaFile photo(String id, Album album, UserId creator, StoredObject object, Instant createdAt) {
        return MediaFile.reconstitute(
                new MediaFileId(id),
                new Placement(object.familyId(), album.id(), creator),
                new FileName("IMG_" + id + ".jpg"),
                object.key(),
                object.format(),
                object.content(),
                null,
                createdAt);
    }

    protected static ContentHash md5(long n) {
        return new ContentHash(String.format("%032x", n));
    }

    protected static ContentHash randomMd5() {
        return new ContentHash(UUID.randomUUID().toString().replace("-", ""));
    }

    protected static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Runs the tasks on as many threads, released together, and returns their results in order. */
    protected static <T> List<T> concurrently(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
