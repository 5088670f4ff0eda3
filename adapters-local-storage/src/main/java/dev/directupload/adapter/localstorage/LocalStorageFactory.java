package dev.directupload.adapter.localstorage;

import dev.directupload.adapter.localstorage.disk.FreeSpace;
import dev.directupload.adapter.localstorage.disk.ObjectDirectory;
import dev.directupload.adapter.localstorage.signing.AccessKey;
import dev.directupload.adapter.localstorage.signing.GeneratedAccessKeyFile;
import dev.directupload.adapter.localstorage.signing.LocalSts;
import dev.directupload.adapter.localstorage.signing.PostFormVerifier;
import dev.directupload.adapter.localstorage.signing.PresignedGet;
import dev.directupload.adapter.localstorage.signing.SigningIdentity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the local store's parts from {@code local-storage.*}. */
@Factory
@LocalStorageSelected
final class LocalStorageFactory {

    /** The configured access key, or the one generated once and kept under the root. */
    @Singleton
    SigningIdentity signingIdentity(LocalStorageProperties properties) {
        AccessKey key = properties.accessKeyId() != null
                ? AccessKey.of(properties.accessKeyId(), properties.accessKeySecret())
                : GeneratedAccessKeyFile.loadOrCreate(properties.root());
        return new SigningIdentity(key, properties.region());
    }

    @Singleton
    ObjectDirectory objectDirectory(LocalStorageProperties properties) {
        return new ObjectDirectory(properties.root(), properties.bucket());
    }

    /** The free space of the file system the root is on. */
    @Singleton
    FreeSpace.UsableSpace usableSpace(LocalStorageProperties properties) {
        return FreeSpace.UsableSpace.of(properties.root());
    }

    /** Uploads never take the disk below {@code local-storage.min-free-bytes}. */
    @Singleton
    FreeSpace freeSpace(FreeSpace.UsableSpace usableSpace, LocalStorageProperties properties) {
        return new FreeSpace(usableSpace, properties.minFreeBytes());
    }

    /** The emulated STS: upload forms are signed with its temporary credentials (in memory only). */
    @Singleton
    LocalSts localSts(Clock clock, @Nullable MeterRegistry registry) {
        return registry == null ? new LocalSts(clock) : new LocalSts(clock, registry);
    }

    @Singleton
    PostFormVerifier postFormVerifier(
            LocalStorageProperties properties, SigningIdentity identity, LocalSts sts, Clock clock, JsonMapper json) {
        return new PostFormVerifier(properties.bucket(), identity, sts, clock, json);
    }

    @Singleton
    PresignedGet presignedGet(LocalStorageProperties properties, SigningIdentity identity, Clock clock) {
        return new PresignedGet(properties.bucket(), identity, clock);
    }

    /** UTC system time, unless the application provides its own clock. */
    @Singleton
    @Secondary
    Clock clock() {
        return Clock.systemUTC();
    }
}
